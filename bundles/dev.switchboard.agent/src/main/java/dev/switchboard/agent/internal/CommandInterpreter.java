package dev.switchboard.agent.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.capability.AttendedTransfer;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.call.capability.Hold;
import dev.switchboard.core.call.capability.Mute;
import dev.switchboard.core.call.capability.Transfer;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioLoopTest;

/**
 * Runs one controller's commands (docs/agent.md). Replies and errors go to that controller only;
 * what happens as a consequence (registration, call, message events) reaches every controller
 * through {@link Agent}.
 */
final class CommandInterpreter {

    /** Per protocol, the account settings naming the microphone and the speaker of its calls. */
    private static final Map<String, List<String>> CALL_AUDIO_KEYS = Map.of("sip", List.of("capture", "playback"),
            "iax2", List.of("audio.in", "audio.out"));
    private static final Logger LOG = System.getLogger(CommandInterpreter.class.getName());
    private static final String PASSWORD = "password";

    /** The commands and their arguments, in the order {@code help} lists them. */
    static final Map<String, String> COMMANDS = commands();

    private final Agent agent;
    private final AgentOptions options;
    private final EventOutput out;
    private final ChatCommands chat;

    CommandInterpreter(Agent agent, AgentOptions options, EventOutput out) {
        this.agent = agent;
        this.options = options;
        this.out = out;
        this.chat = new ChatCommands(agent, out);
    }

    private static Map<String, String> commands() {
        Map<String, String> commands = new LinkedHashMap<>();
        commands.put("help", "");
        commands.put("status", "");
        commands.put("accounts", "");
        commands.put("account add", "<id> <protocol> key=value...");
        commands.put("account set", "<id> key=value...");
        commands.put("account remove", "<id>");
        commands.put("register", "<id>");
        commands.put("unregister", "<id>");
        commands.put("dial", "<id> <address>");
        commands.put("answer", "<call>");
        commands.put("reject", "<call>");
        commands.put("hangup", "<call>");
        commands.put("hold", "<call>");
        commands.put("resume", "<call>");
        commands.put("mute", "<call>");
        commands.put("unmute", "<call>");
        commands.put("dtmf", "<call> <digits>");
        commands.put("transfer", "<call> <address|other-call>");
        commands.put("calls", "");
        commands.put("presence", "[<id>|all <available|away|xa|dnd|offline> [note]]");
        commands.put("say", "<id> <to> <text>");
        ChatCommands.describe(commands);
        commands.put("audiotest", "[codec] [seconds]");
        commands.put("contacts search", "<text>");
        commands.put("contacts group", "[name]");
        commands.put("contacts import", "<file.vcf>");
        commands.put("contacts export", "<file.vcf> [3.0|4.0]");
        commands.put("contacts directory add", "<id> url=... base=... [bindDn=... password=...] [key=value...]");
        commands.put("contacts directory remove", "<id>");
        commands.put("whois", "<number|address>");
        commands.put("quit", "");
        return commands;
    }

    /** Runs one line; {@code false} when the controller asked to quit. */
    boolean execute(String text) {
        CommandLine line;
        try {
            line = new CommandLine(text);
        } catch (IllegalArgumentException e) {
            error(text.strip(), e.getMessage());
            return true;
        }
        if (line.isEmpty()) {
            return true;
        }
        String command = line.word(0);
        try {
            return run(command, line);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            error(command, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "command '" + command + "' failed", e);
            error(command, "internal error: " + e);
        }
        return true;
    }

    private boolean run(String command, CommandLine line) {
        switch (command) {
            case "help" -> help();
            case "status" -> status();
            case "accounts" -> accounts();
            case "account" -> account(line);
            case "register" -> {
                agent.registrations.register(accountId(line, 1));
                ok("register");
            }
            case "unregister" -> {
                agent.registrations.unregister(accountId(line, 1));
                ok("unregister");
            }
            case "dial" -> {
                expect(line, 3, "dial <id> <address>");
                agent.calls.dial(accountId(line, 1), line.word(2));
            }
            case "answer" -> {
                call(line, "answer").answer();
                ok("answer");
            }
            case "reject" -> {
                call(line, "reject").reject();
                ok("reject");
            }
            case "hangup" -> {
                call(line, "hangup").hangup();
                ok("hangup");
            }
            case "hold" -> {
                capability(call(line, "hold"), Hold.class, "hold").hold();
                ok("hold");
            }
            case "resume" -> {
                capability(call(line, "resume"), Hold.class, "resume").resume();
                ok("resume");
            }
            case "mute" -> {
                capability(call(line, "mute"), Mute.class, "mute").mute();
                ok("mute");
            }
            case "unmute" -> {
                capability(call(line, "unmute"), Mute.class, "unmute").unmute();
                ok("unmute");
            }
            case "dtmf" -> dtmf(line);
            case "transfer" -> transfer(line);
            case "calls" -> calls();
            case "presence" -> presence(line);
            case "say" -> say(line);
            case "roster", "join", "leave", "room", "subject", "history", "typing", "details", "avatar", "sendfile",
                    "fetchfile" -> chat.run(command, line);
            case "audiotest" -> audioTest(line);
            case "contacts" -> out.emit(agent.contacts().contacts(line));
            case "whois" -> out.emit(agent.contacts().whois(line));
            case "quit" -> {
                ok("quit");
                return false;
            }
            default -> error(command, "unknown command '" + command + "'; 'help' lists the commands");
        }
        return true;
    }

    private void help() {
        Map<String, Object> event = Json.event("help");
        List<Object> list = new ArrayList<>();
        COMMANDS.forEach((name, arguments) -> list.add((name + " " + arguments).strip()));
        event.put("commands", list);
        out.emit(event);
    }

    private void status() {
        Map<String, Object> event = Json.event("status");
        event.put("protocols", List.copyOf(agent.protocols()));
        event.put("codecs", List.copyOf(agent.codecNames()));
        event.put("accounts", accountList());
        event.put("calls", callList());
        Presence own = agent.presence.own();
        Map<String, Object> presence = new LinkedHashMap<>();
        presence.put("show", PresenceWords.word(own.availability()));
        presence.put("note", own.note());
        event.put("presence", presence);
        Map<String, Object> audio = new LinkedHashMap<>();
        audio.put("in", options.audioIn().map(Object::toString).orElse(null));
        audio.put("out", options.audioOut().map(Object::toString).orElse(null));
        event.put("audio", audio);
        event.put("profile", options.profile().map(Object::toString).orElse(null));
        out.emit(event);
    }

    private void accounts() {
        Map<String, Object> event = Json.event("accounts");
        event.put("accounts", accountList());
        out.emit(event);
    }

    private List<Object> accountList() {
        List<Object> list = new ArrayList<>();
        for (Account account : agent.accounts.accounts()) {
            RegistrationState state = agent.registrations.state(account.id());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("account", account.id());
            entry.put("protocol", account.protocol());
            entry.put("display", account.displayName());
            entry.put("state", state.kind().name());
            entry.put("reason", state.reason());
            entry.put("settings", new LinkedHashMap<String, Object>(account.settings()));
            list.add(entry);
        }
        return list;
    }

    private void calls() {
        Map<String, Object> event = Json.event("calls");
        event.put("calls", callList());
        out.emit(event);
    }

    private List<Object> callList() {
        List<Object> list = new ArrayList<>();
        for (Call call : agent.calls.calls()) {
            Map<String, Object> entry = EventBroadcaster.callEvent(call);
            entry.remove("event");
            list.add(entry);
        }
        return list;
    }

    private void account(CommandLine line) {
        if (line.size() < 2) {
            throw new IllegalArgumentException("account add|set|remove ...");
        }
        String verb = line.word(1);
        switch (verb) {
            case "add" -> {
                expect(line, 4, "account add <id> <protocol> key=value...");
                String id = line.word(2);
                if (agent.accounts.account(id).isPresent()) {
                    throw new IllegalArgumentException("account " + id + " exists; use 'account set'");
                }
                Map<String, String> settings = settings(line.words(4));
                callAudio(line.word(3)).forEach(settings::putIfAbsent);
                char[] secret = Optional.ofNullable(settings.remove(PASSWORD)).map(String::toCharArray).orElse(null);
                Account account = new Account(id, line.word(3), settings);
                agent.validate(account);
                agent.accounts.put(account, secret);
                ok("account add");
            }
            case "set" -> {
                expect(line, 4, "account set <id> key=value...");
                Account account = account(line.word(2));
                Map<String, String> settings = settings(line.words(3));
                char[] secret = Optional.ofNullable(settings.remove(PASSWORD)).map(String::toCharArray).orElse(null);
                Account changed = account.with(settings);
                agent.validate(changed);
                agent.accounts.put(changed, secret);
                ok("account set");
            }
            case "remove" -> {
                expect(line, 3, "account remove <id>");
                if (!agent.accounts.remove(line.word(2))) {
                    throw new IllegalArgumentException("no account " + line.word(2));
                }
                ok("account remove");
            }
            default -> throw new IllegalArgumentException("unknown 'account " + verb + "'; use add, set or remove");
        }
    }

    /**
     * {@code --audio-in}/{@code --audio-out} as the call devices of an account being added, under the keys its protocol
     * plug-in reads them from (devices named in the command win); protocols without such settings get none.
     */
    private Map<String, String> callAudio(String protocol) {
        List<String> keys = CALL_AUDIO_KEYS.get(protocol);
        Map<String, String> devices = new LinkedHashMap<>();
        if (keys != null) {
            options.audioIn().ifPresent(file -> devices.put(keys.get(0), "file:" + file.toAbsolutePath()));
            options.audioOut().ifPresent(file -> devices.put(keys.get(1), "file:" + file.toAbsolutePath()));
        }
        return devices;
    }

    private static Map<String, String> settings(List<String> pairs) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + pair + "'");
            }
            settings.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return settings;
    }

    private void dtmf(CommandLine line) {
        expect(line, 3, "dtmf <call> <digits>");
        String digits = line.word(2).toUpperCase(java.util.Locale.ROOT);
        for (char digit : digits.toCharArray()) {
            if (Dtmf.DIGITS.indexOf(digit) < 0) {
                throw new IllegalArgumentException("not a DTMF digit: '" + digit + "' (use " + Dtmf.DIGITS + ")");
            }
        }
        capability(call(line, "dtmf"), Dtmf.class, "send DTMF").send(digits);
        ok("dtmf");
    }

    private void transfer(CommandLine line) {
        expect(line, 3, "transfer <call> <address|other-call>");
        Call call = call(line, "transfer");
        Optional<Call> consultation = agent.calls.call(line.word(2));
        if (consultation.isPresent()) {
            capability(call, AttendedTransfer.class, "do an attended transfer").transfer(consultation.get());
        } else {
            capability(call, Transfer.class, "transfer").transfer(line.word(2));
        }
        ok("transfer");
    }

    private void presence(CommandLine line) {
        if (line.size() == 1) {
            Presence own = agent.presence.own();
            out.emit(EventBroadcaster.presenceEvent("", "", own));
            return;
        }
        expect(line, 3, "presence <id>|all <available|away|xa|dnd|offline> [note]");
        String target = line.word(1);
        if (!"all".equals(target)) {
            account(target);
        }
        agent.presence.setOwn(new Presence(PresenceWords.parse(line.word(2)), line.rest(3)));
        ok("presence");
    }

    private void say(CommandLine line) {
        expect(line, 4, "say <id> <to> <text>");
        agent.messaging.send(accountId(line, 1), line.word(2), line.rest(3));
        ok("say");
    }

    /** The loopback test call through the devices the agent was started with (default: the sound card). */
    private void audioTest(CommandLine line) {
        AudioLoopTest test = agent.audioLoopTest;
        if (test == null) {
            throw new IllegalStateException("the media engine is not installed");
        }
        String codec = line.size() > 1 ? line.word(1) : "PCMU";
        int seconds = line.size() > 2 ? seconds(line.word(2)) : 5;
        String capture = options.audioIn().map(file -> "file:" + file).orElse("javasound:default");
        String playback = options.audioOut().map(file -> "file:" + file).orElse("javasound:default");
        AudioLoopTest.Result result;
        try {
            result = test.run(capture, playback, codec, Duration.ofSeconds(seconds));
        } catch (AudioDeviceException | IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Map<String, Object> event = Json.event("audiotest");
        event.put("codec", result.codec());
        event.put("framesSent", result.framesSent());
        event.put("packetsReceived", result.packetsReceived());
        event.put("packetsLost", result.packetsLost());
        event.put("jitterMs", round(result.jitterMillis()));
        event.put("playoutDelayMs", round(result.playoutDelayMillis()));
        event.put("inputDbfs", round(result.inputLevelDbfs()));
        event.put("outputDbfs", round(result.outputLevelDbfs()));
        out.emit(event);
    }

    private static int seconds(String text) {
        try {
            int seconds = Integer.parseInt(text);
            if (seconds < 1 || seconds > 60) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("audiotest takes 1 to 60 seconds, not '" + text + "'");
        }
    }

    /** One decimal is all a person reads; silence (-Infinity dBFS) becomes JSON null. */
    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 10) / 10.0 : value;
    }

    private Account account(String id) {
        return agent.accounts.account(id).orElseThrow(() -> new IllegalArgumentException("no account " + id));
    }

    private String accountId(CommandLine line, int index) {
        expect(line, index + 1, line.word(0) + " <id>");
        return account(line.word(index)).id();
    }

    private Call call(CommandLine line, String operation) {
        expect(line, 2, operation + " <call>");
        return agent.calls.call(line.word(1))
                .orElseThrow(() -> new IllegalArgumentException("no call " + line.word(1)));
    }

    private static <T> T capability(Call call, Class<T> type, String operation) {
        return call.capability(type).orElseThrow(() -> new UnsupportedOperationException(
                "call " + call.id() + " cannot " + operation + " (state " + call.state()
                        + "; its protocol does not offer it then)"));
    }

    private static void expect(CommandLine line, int words, String usage) {
        if (line.size() < words) {
            throw new IllegalArgumentException("usage: " + usage);
        }
    }

    private void ok(String command) {
        Map<String, Object> event = Json.event("ok");
        event.put("command", command);
        out.emit(event);
    }

    private void error(String command, String message) {
        Map<String, Object> event = Json.event("error");
        event.put("command", command);
        event.put("message", message == null ? "failed" : message);
        out.emit(event);
    }
}
