package dev.switchboard.protocol.sip.tests;

import static dev.switchboard.protocol.sip.tests.SippScenarioFragments.registered;
import static dev.switchboard.protocol.sip.tests.SippScenarioFragments.reply;
import static dev.switchboard.protocol.sip.tests.SippScenarioFragments.replyInDialog;
import static dev.switchboard.protocol.sip.tests.SippScenarioFragments.unregistered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.protocol.sip.tests.SippScenarioFragments.Notifier;
import dev.switchboard.testing.peers.Sipp;

/**
 * Busy lamps (RFC 4235 dialog event package) against a SIPp registrar and presence server: once registered the account
 * subscribes to extension 201's dialog state (answering a digest challenge) and shows each NOTIFY as 201's presence:
 * idle, ringing (early), on the phone (confirmed), idle again (terminated); a body that is not dialog-info is answered
 * 400 and an older version than the last applied is dropped; the server ending the subscription shows OFFLINE; the
 * account leaving ends its subscriptions before it unregisters.
 */
class SipBusyLampIT {

    private static final Duration STEP = Duration.ofSeconds(10);

    private static final Notifier LAMP_201 = new Notifier("201", "blf", "201", "dialog", "application/dialog-info+xml");

    /** Two SIPp calls: the REGISTER dialog (register, later unregister) and the subscription. */
    private static final String SCENARIO = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="registrar and dialog state of 201">
              <recv request="REGISTER" optional="true" next="register"/>
              <recv request="SUBSCRIBE">
                <action>
                  <ereg regexp="^ *dialog *$" search_in="hdr" header="Event:" check_it="true" assign_to="e1"/>
                  <ereg regexp="application/dialog-info\\+xml" search_in="hdr" header="Accept:" check_it="true" assign_to="e2"/>
                  <ereg regexp="SUBSCRIBE sip:201@127.0.0.1 " search_in="msg" check_it="true" assign_to="e3"/>
                </action>
              </recv>
            """ + reply("401 Unauthorized", "blf",
            "WWW-Authenticate: Digest realm=\"127.0.0.1\", nonce=\"blf0001\", qop=\"auth\", algorithm=MD5") + """
              <recv request="SUBSCRIBE">
                <action>
                  <ereg regexp="response=" search_in="hdr" header="Authorization:" check_it="true" assign_to="e4"/>
                  <ereg regexp="sip:[^>]*" search_in="hdr" header="Contact:" check_it="true" assign_to="contact"/>
                  <ereg regexp="tag=([^;]*)" search_in="hdr" header="From:" check_it="true" assign_to="e5,fromtag"/>
                </action>
              </recv>
            """ + reply("200 OK", "blf", "Contact: <sip:201@[local_ip]:[local_port]>", "Expires: 600")
            + LAMP_201.notify(1, "active;expires=600", dialogInfo201(0, "full", ""))
            + "  <recv response=\"200\"/>\n"
            + LAMP_201.notify(2, "active;expires=590", dialogInfo201(1, "partial", dialog("d1", "early")))
            + "  <recv response=\"200\"/>\n"
            + LAMP_201.notify(3, "active;expires=580", dialogInfo201(2, "partial", dialog("d1", "confirmed")))
            + "  <recv response=\"200\"/>\n"
            + LAMP_201.notify(4, "active;expires=570", "line is busy")
            + "  <recv response=\"400\"/>\n"
            + LAMP_201.notify(5, "active;expires=560", dialogInfo201(4, "partial", dialog("d1", "terminated")))
            + "  <recv response=\"200\"/>\n"
            + LAMP_201.notify(6, "active;expires=550", dialogInfo201(3, "full", dialog("d9", "confirmed")))
            + "  <recv response=\"200\"/>\n"
            + LAMP_201.notifyWithoutBody(7, "terminated;reason=noresource") + """
              <recv response="200" next="end"/>
              <label id="register"/>
            """ + registered() + """
              <recv request="REGISTER"/>
            """ + unregistered() + """
              <label id="end"/>
              <!-- the checks above fail the scenario on a mismatch; their variables are never read -->
              <Reference variables="e1,e2,e3,e4,e5"/>
            </scenario>
            """;

    private static final Notifier LAMP_202 = new Notifier("202", "lamp", "watcher-202", "dialog",
            "application/dialog-info+xml");

    /**
     * Two SIPp calls: the REGISTER dialog and a subscription to 202 that the account ends when it leaves: SUBSCRIBE
     * with Expires 0 in the subscription's dialog (To tag, target from the 200's Contact), then the final NOTIFY
     * without a body; the unregistration comes after it.
     */
    private static final String ENDING_SCENARIO = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="registrar and a dialog subscription ended by the subscriber">
              <recv request="REGISTER" optional="true" next="register"/>
              <recv request="SUBSCRIBE">
                <action>
                  <ereg regexp="^ *3600 *$" search_in="hdr" header="Expires:" check_it="true" assign_to="e1"/>
                  <ereg regexp="sip:[^>]*" search_in="hdr" header="Contact:" check_it="true" assign_to="contact"/>
                  <ereg regexp="tag=([^;]*)" search_in="hdr" header="From:" check_it="true" assign_to="e2,fromtag"/>
                </action>
              </recv>
            """ + reply("200 OK", "lamp", "Contact: <sip:watcher-202@[local_ip]:[local_port]>", "Expires: 600")
            + LAMP_202.notify(1, "active;expires=600", "<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\""
                    + " version=\"0\" state=\"full\" entity=\"sip:202@127.0.0.1\"><dialog id=\"d1\"><state>confirmed</state></dialog>"
                    + "</dialog-info>") + """
              <recv response="200"/>
              <recv request="SUBSCRIBE">
                <action>
                  <ereg regexp="^ *0 *$" search_in="hdr" header="Expires:" check_it="true" assign_to="e3"/>
                  <ereg regexp="tag=[0-9]+lamp" search_in="hdr" header="To:" check_it="true" assign_to="e4"/>
                  <ereg regexp="^SUBSCRIBE sip:watcher-202@" search_in="msg" check_it="true" assign_to="e5"/>
                  <ereg regexp="^ *dialog *$" search_in="hdr" header="Event:" check_it="true" assign_to="e6"/>
                </action>
              </recv>
            """ + replyInDialog("200 OK", "Expires: 0") + LAMP_202.notifyWithoutBody(2, "terminated;reason=timeout") + """
              <recv response="200" next="end"/>
              <label id="register"/>
            """ + registered() + """
              <recv request="REGISTER">
                <action>
                  <ereg regexp="^ *0 *$" search_in="hdr" header="Expires:" check_it="true" assign_to="e7"/>
                </action>
              </recv>
            """ + unregistered() + """
              <label id="end"/>
              <Reference variables="e1,e2,e3,e4,e5,e6,e7"/>
            </scenario>
            """;

    /** 201's dialog-info document (RFC 4235) with {@code dialogs} in it. */
    private static String dialogInfo201(int version, String state, String dialogs) {
        return "<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"" + version
                + "\" state=\"" + state + "\" entity=\"sip:201@127.0.0.1\">" + dialogs + "</dialog-info>";
    }

    /** One dialog element of a call to 201. */
    private static String dialog(String id, String state) {
        return "<dialog id=\"" + id + "\" direction=\"recipient\"><state>" + state + "</state></dialog>";
    }

    @Test
    void leavingEndsTheSubscriptionBeforeUnregistering(@TempDir Path directory) throws Exception {
        Path scenario = Files.writeString(directory.resolve("blf-end.xml"), ENDING_SCENARIO);
        try (Sipp sipp = Sipp.builder().scenario(scenario).remote("127.0.0.1", 9).calls(2)
                .timeout(Duration.ofSeconds(20)).start()) {
            RecordingSessionListener listener = new RecordingSessionListener();
            Account account = SipPlugin.account("blf-end", "alice", "127.0.0.1", "127.0.0.1:" + sipp.localPort(),
                    "blf", "202", "keepalive", "60");
            ProtocolSession session = SipPlugin.provider().open(account, "alice123".toCharArray(), listener);
            try {
                session.register();
                listener.await(RegistrationState.Kind.REGISTERED, STEP);
                assertEquals(Optional.of("sip:202@127.0.0.1 DO_NOT_DISTURB on the phone"), listener.nextPresence(STEP));
                // as the core removes an account: unregister, then close
                long started = System.nanoTime();
                session.unregister();
                session.close();
                long closeMillis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(closeMillis < 1500, "leaving took " + closeMillis + " ms: a final NOTIFY or the "
                        + "unregistration was waited out");
            } finally {
                session.close();
            }
            assertEquals(Optional.of("sip:202@127.0.0.1 OFFLINE"), listener.nextPresence(Duration.ofMillis(300)));
            listener.await(RegistrationState.Kind.UNREGISTERED, STEP);
            Sipp.Result result = sipp.awaitExit(Duration.ofSeconds(5));
            assertEquals(0, result.exitCode(), result.messages());
        }
    }

    @Test
    void showsTheWatchedExtensionsLineStateAsItsPresence(@TempDir Path directory) throws Exception {
        Path scenario = Files.writeString(directory.resolve("blf.xml"), SCENARIO);
        try (Sipp sipp = Sipp.builder().scenario(scenario).remote("127.0.0.1", 9).calls(2)
                .timeout(Duration.ofSeconds(20)).start()) {
            RecordingSessionListener listener = new RecordingSessionListener();
            Account account = SipPlugin.account("blf", "alice", "127.0.0.1", "127.0.0.1:" + sipp.localPort(),
                    "blf", "201", "keepalive", "60");
            try (ClosingSession closing = new ClosingSession(SipPlugin.provider().open(account,
                    "alice123".toCharArray(), listener))) {
                closing.session().register();
                listener.await(RegistrationState.Kind.REGISTERED, STEP);
                List<String> shown = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    shown.add(listener.nextPresence(STEP).orElse("nothing within " + STEP.toSeconds() + " s"));
                }
                assertEquals(List.of("sip:201@127.0.0.1 AVAILABLE", "sip:201@127.0.0.1 AVAILABLE ringing",
                        "sip:201@127.0.0.1 DO_NOT_DISTURB on the phone", "sip:201@127.0.0.1 AVAILABLE",
                        "sip:201@127.0.0.1 OFFLINE"), shown, "the stale version 3 (busy) must not show");
                assertEquals(Optional.empty(), listener.nextPresence(Duration.ofMillis(300)));
            }
            Sipp.Result result = sipp.awaitExit(Duration.ofSeconds(5));
            assertEquals(0, result.exitCode(), result.messages());
            assertTrue(result.messages().contains("SIP/2.0 400"), "the NOTIFY without dialog-info was not refused");
        }
    }
}
