package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.testing.await.Poll;
import dev.switchboard.testing.peers.Baresip;
import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Prosody;
import dev.switchboard.testing.peers.PulseAudio;
import dev.switchboard.testing.peers.Slapd;
import dev.switchboard.testing.peers.Xvfb;

/**
 * The desktop product used as a person would, through its accessibility tree and the keyboard and
 * pointer under Xvfb, against real peers: connect a SIP account (Kamailio) and an XMPP account
 * (Prosody) from the status area; dial baresip from the dialpad and see it connected with a running
 * timer and the codec, hold, resume, hang up; answer baresip's call from the notification; find a
 * person in the company directory (slapd) and call them from the contacts view; read and answer an
 * agent's chat message in the chats view (typing both ways, the delivery receipt, then a search of the
 * stored messages), send the agent a file (it fetches the same bytes) and join a room with it (subject,
 * occupants, its message); answer, mute and hang up with the system-wide shortcuts while another X client
 * has the focus; forward a ringing call from the notification; find the calls in the history view. The connected
 * call's row shows baresip's tone on its speaker meter (read as the meter's AT-SPI value), empty on hold. A screenshot of each
 * screen goes to {@code target/peer-output}. The ringtone of an incoming call is heard on the desktop's
 * sound server (a PulseAudio null sink's monitor). It ends as a session logout does, with SIGTERM: the account is
 * unregistered, the process ends within the bound and Felix SCR's component cache is written.
 */
class DesktopCallIT {

    private static final String SUFFIX = "dc=example,dc=com";
    private static final String OTHER_APPLICATION = "Another application";
    /** Bob's desk phone is baresip, registered at Kamailio as extension 1002. */
    private static final String DIRECTORY = """
            dn: dc=example,dc=com
            objectClass: dcObject
            objectClass: organization
            dc: example
            o: Example Telephony

            dn: ou=people,dc=example,dc=com
            objectClass: organizationalUnit
            ou: people

            dn: uid=bob,ou=people,dc=example,dc=com
            objectClass: inetOrgPerson
            uid: bob
            cn: Bob Baker
            sn: Baker
            mail: bob@example.com
            telephoneNumber: 1002
            title: Support Engineer
            """;

    @RegisterExtension
    static final PeerExtension<Xvfb> XVFB = PeerExtension.of(() -> Xvfb.builder().screen(1280, 800).start());
    @RegisterExtension
    static final PeerExtension<Kamailio> KAMAILIO = PeerExtension
            .of(() -> Kamailio.builder().user("alice", "alice123").user("1002", "bob123").start());
    @RegisterExtension
    static final PeerExtension<Prosody> PROSODY = PeerExtension
            .of(() -> Prosody.builder().user("alice", "alice123").user("bob", "bob123").start());
    /** The desktop's sound server: the ringtone plays on its default device, the null sink. */
    @RegisterExtension
    static final PeerExtension<PulseAudio> PULSE = PeerExtension.of(() -> PulseAudio.builder().start());
    @RegisterExtension
    static final PeerExtension<Slapd> SLAPD = PeerExtension.of(() -> Slapd.builder().ldif(SUFFIX, DIRECTORY).start());

    @TempDir
    Path temp;

    @Test
    void callsChatsAndTheDirectoryWorkFromTheWindow() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        Path profile = temp.resolve("desk");
        try (AgentProcess setup = AgentProcess.start(profile)) {
            setup.await("ready", AgentProcess.START_TIMEOUT);
            setup.send("account add alice sip user=alice domain=" + kamailio.domain() + " registrar=" + kamailio.host()
                    + ":" + kamailio.port() + " password=alice123 display=Alice capture=null: playback=null:");
            setup.await("ok");
            setup.send(xmppAccount("chat", "alice") + " display=Chat");
            setup.await("ok");
            setup.send("contacts directory add corp name=Company url=" + SLAPD.get().url() + " base=ou=people," + SUFFIX
                    + " bindDn=" + SLAPD.get().adminDn() + " password=" + SLAPD.get().adminPassword());
            setup.await("ok");
            setup.send("quit");
            setup.await("ok");
        }
        try (Baresip bob = Baresip.builder().account("1002", "bob123", kamailio).start();
                AgentProcess bobChat = chatAgent(temp.resolve("bob"));
                DesktopSession desktop = DesktopSession.start(XVFB.get(), profile, temp.resolve("bus"),
                        java.util.Map.of("PULSE_SERVER", PULSE.get().environment().get("PULSE_SERVER"),
                                "PULSE_CLIENTCONFIG", PULSE.get().environment().get("PULSE_CLIENTCONFIG")))) {
            String window = desktop.awaitMainWindow();

            // both accounts connect at start by themselves (nobody clicks Connect)
            desktop.await("label", "Alice (alice): registered"::equals, "Alice registered at start");
            desktop.await("label", "Chat (chat): registered"::equals, "Chat registered at start");
            desktop.screenshot("desktop-registered.png");

            // dial baresip from the dialpad: connected, the timer runs, the codec shows; hold, resume, hang up
            desktop.act("--focus", "text\tNumber or address");
            desktop.type(window, "1002");
            desktop.key("Return");
            desktop.await("label", matches("Connected  0:0[2-9].*\u00B7  PCM[UA]/8000.*"), "connected for 2 s with its codec");
            // the row's live meters: baresip's 440 Hz tone (-15 dBFS, 75 % of the -60..0 scale) on the speaker;
            // our microphone is the null device, digital silence
            java.util.Map<String, Double> meters = awaitMeter(desktop, "Speaker level", value -> value >= 60,
                    "the speaker meter showing baresip's tone");
            assertEquals(0, meters.get("Microphone level"), "the microphone meter of the null device: " + meters);
            desktop.screenshot("desktop-call-connected.png");
            desktop.act("--within", "Calls", "--press", "Hold");
            desktop.await("label", name -> name.startsWith("On hold"), "on hold");
            awaitMeter(desktop, "Speaker level", value -> value == 0, "the speaker meter empty on hold");
            desktop.act("--within", "Calls", "--press", "Resume");
            desktop.await("label", name -> name.startsWith("Connected"), "connected again");
            // the global shortcuts act from another part (the contacts' search field has the focus)
            desktop.act("--focus", "text\tSearch");
            desktop.key("ctrl+shift+m");
            desktop.await("label", name -> name.startsWith("Connected") && name.contains("muted"), "muted by Ctrl+Shift+M");
            desktop.key("ctrl+shift+h");
            desktop.await("label", name -> name.startsWith("No calls."), "the empty calls list after Ctrl+Shift+H");

            // baresip calls us: answered from the notification
            bob.command("/dial sip:alice@" + kamailio.domain());
            desktop.awaitWindow("^Incoming call ?$");
            desktop.await("label", name -> name.contains("1002"), "the caller in the notification");
            // the caller identification finds extension 1002 in the directory and names the caller
            desktop.await("label", "Bob Baker"::equals, "the caller named from the directory");
            desktop.screenshot("desktop-incoming.png");
            // the ringtone plays on the ringer device (the default one here): the null sink's monitor hears it
            double ringLevel = awaitSound(PULSE.get(), Duration.ofSeconds(7));
            assertTrue(ringLevel > 300, "no ringtone on the sound server while the call rings: RMS " + ringLevel);
            desktop.act("--within", "Incoming call", "--press", "Answer");
            desktop.await("label", matches("Connected  0:0[1-9].*"), "the answered call connected");
            bob.command("/hangup");
            desktop.await("label", name -> name.startsWith("No calls."), "the empty calls list after baresip hung up");

            // while the user types in another application, the system-wide shortcuts answer, mute and hang up
            bob.command("/dial sip:alice@" + kamailio.domain());
            desktop.awaitWindow("^Incoming call ?$");
            Process other = otherApplication();
            try {
                focusOtherApplication(desktop);
                desktop.key("ctrl+shift+a");
                desktop.await("label", matches("Connected  0:0[0-9].*"), "the call answered by Ctrl+Shift+A from another application");
                focusOtherApplication(desktop);
                desktop.key("ctrl+shift+m");
                desktop.await("label", name -> name.startsWith("Connected") && name.contains("muted"),
                        "muted by Ctrl+Shift+M from another application");
                changedMuteKeyWorksSystemWideAndActsOnceWhenHeld(desktop, window, profile);
                focusOtherApplication(desktop);
                desktop.key("ctrl+shift+h");
                desktop.await("label", name -> name.startsWith("No calls."), "hung up by Ctrl+Shift+H from another application");
            } finally {
                other.destroy();
                other.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }

            // baresip calls again: sent on to another number from the notification (a 302 to baresip)
            bob.command("/dial sip:alice@" + kamailio.domain());
            desktop.awaitWindow("^Incoming call ?$");
            desktop.actWhenThere("--within", "Incoming call", "--press", "Forward\u2026");
            String ask = desktop.awaitWindow("^Forward call ?$");
            desktop.type(ask, "1099");
            desktop.key("Return");
            desktop.await("label", name -> name.startsWith("No calls."), "the empty calls list after forwarding");

            // the directory person, found by typing, called from the contacts view
            desktop.act("--focus", "text\tSearch");
            desktop.type(window, "Baker");
            // the list shows the name and the organisation (the directory's title here)
            String bobRow = desktop.await("table cell", name -> name.startsWith("Bob Baker"), "Bob Baker in the contact list");
            assertEquals("Bob Baker  \u2014  Support Engineer", bobRow);
            desktop.act("--click", "table cell\t" + bobRow);
            desktop.await("label", name -> name.startsWith("From: Company"), "the contact's sources");
            List<String> details = DesktopSession.labelsUnder(desktop.tree(), "Contact details");
            assertTrue(details.stream().anyMatch(label -> label.startsWith("Phone")),
                    "no phone number in the contact's details: " + details);
            desktop.screenshot("desktop-contacts.png");
            desktop.act("--within", "Contact details", "--press", "Call");
            desktop.await("label", matches("Connected  0:0[1-9].*"), "the contact's call connected");
            desktop.act("--within", "Calls", "--press", "Hang up");
            desktop.await("label", name -> name.startsWith("No calls."), "the empty calls list");

            // an agent's chat message: the Chats tab counts it, the conversation shows it, the reply reaches the agent
            String alice = "alice@" + PROSODY.get().domain();
            bobChat.send("say b " + alice + " are you free for a call?");
            desktop.await("page tab", "Chats (1)"::equals, "the unread count on the Chats tab");
            desktop.act("--click", "page tab\tChats (1)");
            String bobAddress = "bob@" + PROSODY.get().domain();
            desktop.await("page tab", name -> name.startsWith(bobAddress), "bob's conversation tab");
            desktop.await("page tab", "Chats"::equals, "the Chats tab without unread count once read");
            // bob's typing shows under the conversation; ours reaches bob, and his receipt shows
            bobChat.send("typing b " + alice + " composing");
            bobChat.await("ok");
            desktop.await("label", (bobAddress + " is typing\u2026")::equals, "bob's typing indicator");
            desktop.act("--focus", "text\t" + bobAddress + " on chat");
            desktop.type(window, "yes, ring me");
            awaitContaining(bobChat, "chatstate", "\"state\":\"composing\"");
            desktop.key("Return");
            awaitContaining(bobChat, "message", "\"text\":\"yes, ring me\"");
            desktop.await("label", name -> name.startsWith("\u2713 Delivered"), "bob's delivery receipt");
            desktop.screenshot("desktop-chats.png");

            // the stored conversations are searched from the same view
            desktop.act("--focus", "text\tSearch messages");
            desktop.type(window, "free");
            desktop.await("table cell", name -> name.endsWith("are you free for a call?"), "the message found");
            desktop.await("label", name -> name.startsWith("1 message matches"), "the search's count");
            desktop.screenshot("desktop-chat-search.png");
            desktop.act("--focus", "text\tSearch messages");
            desktop.key("ctrl+a");
            desktop.key("BackSpace");

            // a file to bob from the conversation, through Prosody's upload service: bob fetches the same bytes
            byte[] content = new byte[256 * 1024];
            new java.util.Random(5).nextBytes(content);
            Path report = java.nio.file.Files.write(temp.resolve("report.bin"), content);
            desktop.actWhenThere("--press", "push button\tSend file\u2026");
            String chooser = desktop.awaitWindow("^Send a file to ");
            // GTK's chooser opens its location field on the first "/" and can lose the key after it,
            // so the path is typed again over whatever reached the field
            desktop.type(chooser, report.toString());
            desktop.key("ctrl+a");
            desktop.type(chooser, report.toString());
            desktop.key("Return");
            String link = field(awaitContaining(bobChat, "message", "\"text\":\"http"), "text");
            Path fetched = temp.resolve("fetched.bin");
            bobChat.send("fetchfile b " + link + " " + fetched);
            String received = awaitContaining(bobChat, "transfer", "\"state\":\"done\"");
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)),
                    field(received, "sha256"), received);
            // the link went out as a message of the conversation ("Sent report.bin" gives way to its receipt at once)
            desktop.act("--focus", "text\tSearch messages");
            desktop.type(window, "report.bin");
            desktop.await("table cell", name -> name.endsWith(link), "the file's link in the conversation");
            desktop.key("ctrl+a");
            desktop.key("BackSpace");

            // a room with bob in it, joined from the view: its subject and bob's message show
            String room = "team@" + PROSODY.get().mucDomain();
            bobChat.send("join b " + room + " bob");
            awaitContaining(bobChat, "ok", "join");
            bobChat.send("subject b " + room + " Weekly sync");
            awaitContaining(bobChat, "ok", "subject");
            desktop.act("--press", "push button\tJoin room\u2026");
            String join = desktop.awaitWindow("^Join a room ?$");
            desktop.actWhenThere("--focus", "text\tRoom");
            desktop.type(join, room);
            desktop.act("--focus", "text\tNickname");
            desktop.key("ctrl+a");
            desktop.type(join, "alice");
            desktop.act("--press", "push button\tJoin");
            desktop.await("page tab", room::equals, "the room's tab");
            // the subject may reach us after the join returns; the line is read again when the room talks
            bobChat.send("say b " + room + " agenda is in the file");
            desktop.await("label", "Subject: Weekly sync \u00B7 2 here: alice, bob"::equals, "the room's subject and occupants");
            desktop.screenshot("desktop-room.png");
            desktop.act("--focus", "text\tSearch messages");
            desktop.type(window, "agenda");
            desktop.await("table cell", name -> name.endsWith("agenda is in the file"), "bob's room message");

            // the history lists the calls
            desktop.act("--click", "page tab\tHistory");
            desktop.await("table cell", "\u2199 Received"::equals, "the answered call in the history");
            desktop.await("table cell", "\u2197 Dialled"::equals, "the dialled calls in the history");
            desktop.await("table cell", "\u2199 Forwarded"::equals, "the forwarded call in the history");
            desktop.screenshot("desktop-history.png");

            // a session logout: SIGTERM ends the desktop as Quit does, within the bound a logout allows (5 s stop,
            // core.impl's SignalStop): alice unbound at Kamailio, Felix SCR's component cache written as the framework stopped
            long signalled = System.currentTimeMillis();
            Duration stop = desktop.terminate(Duration.ofMillis(6_500));
            assertTrue(kamailio.contacts("alice").isEmpty(), "alice unbound after SIGTERM: " + kamailio.contacts("alice"));
            Path cache = desktop.componentCache().orElseThrow(() -> new AssertionError("no SCR component cache"));
            long written = java.nio.file.Files.getLastModifiedTime(cache).toMillis();
            assertTrue(written >= signalled - 1_000, "SCR's cache rewritten at the stop (" + (written - signalled)
                    + " ms after the signal; stopped in " + stop.toMillis() + " ms)");
        }
    }

    /**
     * With a connected, muted call and the other application running: the mute key changed on Settings ›
     * Appearance (the new keys pressed into its field; another action's key refused there) works at once
     * while the other application has the focus (the settings still open) and the old key does nothing;
     * held down through the X server's auto-repeat it toggles once; Restore defaults brings Ctrl+Shift+M
     * back. The product logs one line per shortcut that acts, which counts the toggles.
     */
    private static void changedMuteKeyWorksSystemWideAndActsOnceWhenHeld(DesktopSession desktop, String window,
            Path profile) throws Exception {
        Path log = AgentProcess.output().resolve("desktop-" + profile.getFileName() + ".log");
        desktop.xdotool("windowfocus", "--sync", window);
        desktop.key("alt+s");
        desktop.key("a");
        String settings = desktop.awaitWindow("^Settings ?$");
        desktop.actWhenThere("--click", "table cell\tAppearance");
        desktop.actWhenThere("--focus", "text\tMute / unmute");
        desktop.await("label", "Press the new keys for Mute / unmute."::equals, "the field ready for keys");
        // the hang-up key reaches the field (neither the system-wide grab nor the window's binding takes it)
        desktop.key("ctrl+shift+h");
        desktop.await("label", "Ctrl+Shift+H already hangs up."::equals, "the clash named next to the field");
        desktop.key("ctrl+alt+m");
        desktop.await("label", "Saved: Ctrl+Alt+M mutes."::equals, "the new mute key stored");
        desktop.screenshot("desktop-settings-shortcuts.png");

        long before = muteToggles(log);
        focusOtherApplication(desktop);
        // the old key first: were it still grabbed, the new key would unmute and mute again (and had the
        // keys typed into the settings reached the call, it would be gone or unmuted already)
        desktop.key("ctrl+shift+m");
        desktop.key("ctrl+alt+m");
        desktop.await("label", name -> name.startsWith("Connected") && !name.contains("muted"),
                "unmuted by the new key Ctrl+Alt+M from another application");

        focusOtherApplication(desktop);
        desktop.xdotool("keydown", "ctrl+alt+m");
        // the hold is the input under test, not a wait for the product: past X's auto-repeat delay
        // (660 ms) the server repeats the key 25 times a second, about eight times here
        java.util.concurrent.TimeUnit.MILLISECONDS.sleep(1000);
        desktop.xdotool("keyup", "ctrl+alt+m");
        desktop.await("label", name -> name.startsWith("Connected") && name.contains("muted"),
                "muted by holding Ctrl+Alt+M");

        desktop.xdotool("windowfocus", "--sync", settings);
        desktop.act("--press", "push button\tRestore defaults");
        desktop.await("label", name -> name.startsWith("Restored the default shortcuts: "), "the defaults restored");
        desktop.act("--press", "push button\tClose");
        desktop.awaitGone("push button", "Close"::equals, "the settings closed");
        // counted once the repeats are long past: one toggle for the new key, one for the whole hold
        assertEquals(before + 2, muteToggles(log), "mute toggles by the new key and the held key");
        focusOtherApplication(desktop);
        desktop.key("ctrl+shift+m");
        desktop.await("label", name -> name.startsWith("Connected") && !name.contains("muted"),
                "unmuted by the restored Ctrl+Shift+M");
    }

    /** How many times a system-wide shortcut has run mute / unmute, from the product's log. */
    private static long muteToggles(Path log) throws java.io.IOException {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log)) {
            return lines.filter(line -> line.contains("(Mute / unmute) on call")).count();
        }
    }

    /**
     * Polls the accessibility tree until the level meter (a progress bar) called {@code name} has a value, in
     * percent of its scale, that {@code wanted} accepts; returns every meter's value in that tree, by name.
     */
    private static java.util.Map<String, Double> awaitMeter(DesktopSession desktop, String name, DoublePredicate wanted,
            String what) throws InterruptedException {
        List<java.util.Map<String, Double>> seen = new java.util.ArrayList<>(List.of(java.util.Map.of()));
        try {
            Poll.until(() -> {
                seen.set(0, meterValues(desktop));
                Double value = seen.get(0).get(name);
                return value != null && wanted.test(value);
            }, DesktopSession.PROBE_TIMEOUT, what);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the meters last read: " + seen.get(0), e);
        }
        return seen.get(0);
    }

    /** The value of each progress bar with one in the accessibility tree, by its spoken name. */
    private static java.util.Map<String, Double> meterValues(DesktopSession desktop) {
        try {
            java.util.Map<String, Double> values = new java.util.TreeMap<>();
            for (String line : desktop.act("--values")) {
                String[] fields = line.split("\t");
                if (fields.length == 4 && fields[1].equals("progress bar")) {
                    values.put(fields[2], Double.parseDouble(fields[3]));
                }
            }
            return values;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the meters", e);
        }
    }

    /** Another X client (x11-utils' xmessage) whose window can have the keyboard focus instead of Switchboard. */
    private static Process otherApplication() throws java.io.IOException {
        ProcessBuilder builder = new ProcessBuilder("xmessage", "-title", OTHER_APPLICATION, "typing elsewhere")
                .redirectErrorStream(true)
                .redirectOutput(AgentProcess.output().resolve("xmessage.log").toFile());
        builder.environment().putAll(XVFB.get().environment());
        return builder.start();
    }

    /** Gives the other application the focus (once its window is mapped) and checks that it has it. */
    private static void focusOtherApplication(DesktopSession desktop) throws Exception {
        desktop.xdotool("search", "--sync", "--onlyvisible", "--name", "^" + OTHER_APPLICATION + "$", "windowfocus", "--sync", "%1");
        assertEquals(OTHER_APPLICATION, desktop.xdotoolOutput("getwindowfocus", "getwindowname").strip(),
                "the other application does not have the keyboard focus");
    }

    /**
     * Records the null sink's monitor in 100 ms blocks until one is louder than silence (RMS over 300
     * of 32767) or {@code limit} passes (a ring cadence has pauses); returns the loudest block's RMS.
     */
    private static double awaitSound(PulseAudio pulse, Duration limit) throws Exception {
        Path parec = Path.of("/usr/bin/parec");
        assertTrue(java.nio.file.Files.isExecutable(parec), "parec is missing (Debian package pulseaudio-utils)");
        ProcessBuilder builder = new ProcessBuilder(parec.toString(), "-d", pulse.sinkName() + ".monitor", "--raw",
                "--format=s16le", "--rate=8000", "--channels=1", "--latency-msec=50")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(pulse.environment());
        Process recorder = builder.start();
        try (java.io.InputStream in = recorder.getInputStream()) {
            byte[] block = new byte[1600];
            double loudest = 0;
            long deadline = System.nanoTime() + limit.toNanos();
            // parec streams in real time, so each block read takes 100 ms: the loop is paced by the audio itself
            while (System.nanoTime() < deadline && loudest <= 300) {
                int filled = in.readNBytes(block, 0, block.length);
                if (filled < block.length) {
                    break;
                }
                double sum = 0;
                for (int i = 0; i < block.length; i += 2) {
                    short sample = (short) ((block[i] & 0xff) | (block[i + 1] << 8));
                    sum += (double) sample * sample;
                }
                loudest = Math.max(loudest, Math.sqrt(sum / (block.length / 2)));
            }
            return loudest;
        } finally {
            recorder.destroy();
            recorder.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static String field(String event, String field) {
        java.util.regex.Matcher matcher = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(event);
        assertTrue(matcher.find(), "no " + field + " in " + event);
        return matcher.group(1);
    }

    private static java.util.function.Predicate<String> matches(String regex) {
        Pattern compiled = Pattern.compile(regex);
        return name -> compiled.matcher(name).matches();
    }

    private static String xmppAccount(String id, String user) throws Exception {
        Prosody prosody = PROSODY.get();
        String pin = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(prosody.certificate().getEncoded()));
        return "account add " + id + " xmpp jid=" + user + "@" + prosody.domain() + " host=" + prosody.host()
                + " port=" + prosody.c2sPort() + " tls.pin=" + pin + " password=" + user + "123";
    }

    private static AgentProcess chatAgent(Path profile) throws Exception {
        AgentProcess agent = AgentProcess.start(profile);
        try {
            agent.await("ready", AgentProcess.START_TIMEOUT);
            agent.send(xmppAccount("b", "bob"));
            agent.await("ok");
            agent.send("register b");
            awaitContaining(agent, "registration", "\"state\":\"REGISTERED\"");
            return agent;
        } catch (Exception | AssertionError e) {
            agent.close();
            throw e;
        }
    }

    private static String awaitContaining(AgentProcess agent, String event, String text) throws InterruptedException {
        long deadline = System.nanoTime() + AgentProcess.REPLY_TIMEOUT.toNanos();
        while (true) {
            String line = agent.await(event, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (line.contains(text)) {
                return line;
            }
        }
    }
}
