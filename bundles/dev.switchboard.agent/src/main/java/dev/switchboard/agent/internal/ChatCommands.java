package dev.switchboard.agent.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

import dev.switchboard.core.messaging.ChatState;
import dev.switchboard.core.messaging.ChatStates;
import dev.switchboard.core.messaging.FileTransfer;
import dev.switchboard.core.messaging.GroupChat;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.messaging.TransferListener;
import dev.switchboard.core.presence.Avatar;
import dev.switchboard.core.presence.ContactDetails;
import dev.switchboard.core.presence.Roster;
import dev.switchboard.core.presence.RosterEntry;
import dev.switchboard.history.CallRecord;
import dev.switchboard.history.History;

/**
 * The chat commands of docs/agent.md: {@code roster}, {@code join}, {@code leave}, {@code room},
 * {@code subject}, {@code history}, {@code typing}, {@code details}, {@code avatar}, {@code sendfile} and
 * {@code fetchfile}. Roster, rooms, chat states, contact details and file transfer are capabilities
 * of the account's open session (an account that never registered has none); history needs the
 * history bundle.
 */
final class ChatCommands {

    static final Set<String> NAMES = Set.of("roster", "join", "leave", "room", "subject", "history", "typing",
            "details", "avatar", "sendfile", "fetchfile");
    private static final int DEFAULT_HISTORY = 50;
    /** Progress events per transfer at most (one per tenth), so a big file does not flood controllers. */
    private static final int PROGRESS_STEPS = 10;

    /** Usage lines for {@code help}, in its order. */
    static void describe(Map<String, String> commands) {
        commands.put("roster", "<id> [add <address> [name] [group...] | remove|approve|deny <address> | rename <address> <name>]");
        commands.put("join", "<id> <room> <nickname> [password]");
        commands.put("leave", "<id> <room>");
        commands.put("room", "<id> <room>");
        commands.put("subject", "<id> <room> <text>");
        commands.put("history", "<id> <peer> [limit] | search <text> | calls [limit] | retention [days]");
        commands.put("typing", "<id> <peer> <active|composing|paused|inactive|gone>");
        commands.put("details", "<id> <address>");
        commands.put("avatar", "<id> <image.png|image.jpg>");
        commands.put("sendfile", "<id> <to> <file>");
        commands.put("fetchfile", "<id> <link> <file>");
    }

    private final Agent agent;
    private final EventOutput out;

    ChatCommands(Agent agent, EventOutput out) {
        this.agent = agent;
        this.out = out;
    }

    void run(String command, CommandLine line) {
        switch (command) {
            case "roster" -> roster(line);
            case "join" -> {
                expect(line, 4, "join <id> <room> <nickname> [password]");
                groupChat(line.word(1)).join(line.word(2), line.word(3), line.size() > 4 ? line.word(4) : "");
                ok("join");
            }
            case "leave" -> {
                expect(line, 3, "leave <id> <room>");
                groupChat(line.word(1)).leave(line.word(2));
                ok("leave");
            }
            case "room" -> {
                expect(line, 3, "room <id> <room>");
                GroupChat rooms = groupChat(line.word(1));
                Map<String, Object> event = Json.event("room");
                event.put("account", line.word(1));
                event.put("room", line.word(2));
                event.put("subject", rooms.subject(line.word(2)));
                event.put("occupants", List.copyOf(rooms.occupants(line.word(2))));
                out.emit(event);
            }
            case "subject" -> {
                expect(line, 4, "subject <id> <room> <text>");
                groupChat(line.word(1)).changeSubject(line.word(2), line.rest(3));
                ok("subject");
            }
            case "history" -> history(line);
            case "typing" -> {
                expect(line, 4, "typing <id> <peer> <active|composing|paused|inactive|gone>");
                ChatState state;
                try {
                    state = ChatState.valueOf(line.word(3).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("typing takes active, composing, paused, inactive or gone, not '"
                            + line.word(3) + "'");
                }
                capability(line.word(1), ChatStates.class, "chat states").send(line.word(2), state);
                ok("typing");
            }
            case "details" -> details(line);
            case "avatar" -> {
                expect(line, 3, "avatar <id> <image.png|image.jpg>");
                Path image = Path.of(line.rest(2));
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(image);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + image + ": " + e.getMessage());
                }
                String name = image.getFileName().toString().toLowerCase(Locale.ROOT);
                String type = name.endsWith(".jpg") || name.endsWith(".jpeg") ? "image/jpeg" : "image/png";
                capability(line.word(1), ContactDetails.class, "contact details").publishAvatar(new Avatar(type, bytes));
                ok("avatar");
            }
            case "sendfile" -> {
                expect(line, 4, "sendfile <id> <to> <file>");
                Path file = Path.of(line.rest(3));
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("no file " + file);
                }
                capability(line.word(1), FileTransfer.class, "file transfer").send(line.word(2), file,
                        new TransferEvents(line.word(1), file.toString(), line.word(2)));
                ok("sendfile");
            }
            case "fetchfile" -> {
                expect(line, 4, "fetchfile <id> <link> <file>");
                URI link;
                try {
                    link = URI.create(line.word(2));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("not a link: " + line.word(2));
                }
                Path file = Path.of(line.rest(3));
                capability(line.word(1), FileTransfer.class, "file transfer").download(link, file,
                        new TransferEvents(line.word(1), file.toString(), ""));
                ok("fetchfile");
            }
            default -> throw new IllegalArgumentException("unknown command '" + command + "'");
        }
    }

    private <T> T capability(String accountId, Class<T> type, String what) {
        if (agent.accounts.account(accountId).isEmpty()) {
            throw new IllegalArgumentException("no account " + accountId);
        }
        return agent.sessions.capability(accountId, type).orElseThrow(() -> new IllegalStateException(
                "account " + accountId + " has no " + what + " (not registered, or its protocol has none)"));
    }

    private GroupChat groupChat(String accountId) {
        return capability(accountId, GroupChat.class, "chat rooms");
    }

    private void roster(CommandLine line) {
        expect(line, 2, "roster <id> [...]");
        String accountId = line.word(1);
        Roster roster = capability(accountId, Roster.class, "roster");
        if (line.size() == 2) {
            Map<String, Object> event = Json.event("roster");
            event.put("account", accountId);
            List<Object> contacts = new ArrayList<>();
            for (RosterEntry entry : roster.entries()) {
                Map<String, Object> contact = new LinkedHashMap<>();
                contact.put("address", entry.address());
                contact.put("name", entry.name());
                contact.put("groups", List.copyOf(entry.groups()));
                contact.put("subscription", entry.subscription().name().toLowerCase(java.util.Locale.ROOT));
                contact.put("ask", entry.askPending());
                contact.put("show", PresenceWords.word(entry.presence().availability()));
                contact.put("note", entry.presence().note());
                contacts.add(contact);
            }
            event.put("contacts", contacts);
            event.put("requests", List.copyOf(roster.pendingRequests()));
            out.emit(event);
            return;
        }
        expect(line, 4, "roster <id> add|remove|rename|approve|deny <address> ...");
        String address = line.word(3);
        switch (line.word(2)) {
            case "add" -> roster.add(address, line.size() > 4 ? line.word(4) : "",
                    new LinkedHashSet<>(line.words(5)));
            case "remove" -> roster.remove(address);
            case "rename" -> {
                expect(line, 5, "roster <id> rename <address> <name>");
                roster.rename(address, line.rest(4));
            }
            case "approve" -> roster.approve(address);
            case "deny" -> roster.deny(address);
            default -> throw new IllegalArgumentException(
                    "roster <id> takes add, remove, rename, approve or deny, not '" + line.word(2) + "'");
        }
        ok("roster");
    }

    private void details(CommandLine line) {
        expect(line, 3, "details <id> <address>");
        ContactDetails details = capability(line.word(1), ContactDetails.class, "contact details");
        Map<String, Object> event = Json.event("details");
        event.put("account", line.word(1));
        event.put("address", line.word(2));
        event.put("idleSeconds", details.idleTime(line.word(2)).map(Duration::toSeconds).orElse(null));
        details.avatar(line.word(2)).ifPresentOrElse(avatar -> {
            byte[] image = avatar.image();
            event.put("avatarType", avatar.mimeType());
            event.put("avatarBytes", image.length);
            event.put("avatarSha256", sha256(image));
        }, () -> event.put("avatarType", null));
        out.emit(event);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }

    /** A transfer's progress as {@code transfer} events to the controller that started it. */
    private final class TransferEvents implements TransferListener {
        private final String accountId;
        private final String file;
        private final String peer;
        private long nextReport;

        TransferEvents(String accountId, String file, String peer) {
            this.accountId = accountId;
            this.file = file;
            this.peer = peer;
        }

        private Map<String, Object> event(String state) {
            Map<String, Object> event = Json.event("transfer");
            event.put("account", accountId);
            event.put("file", file);
            event.put("peer", peer);
            event.put("state", state);
            return event;
        }

        @Override
        public void progress(long transferred, long total) {
            if (transferred < nextReport && transferred < total) {
                return;
            }
            nextReport = transferred + Math.max(1, total / PROGRESS_STEPS);
            Map<String, Object> event = event("progress");
            event.put("transferred", transferred);
            event.put("total", total);
            out.emit(event);
        }

        @Override
        public void done(URI link, String sha256) {
            Map<String, Object> event = event("done");
            event.put("link", link.toString());
            event.put("sha256", sha256);
            out.emit(event);
        }

        @Override
        public void failed(String reason) {
            Map<String, Object> event = event("failed");
            event.put("reason", reason);
            out.emit(event);
        }
    }

    private void history(CommandLine line) {
        expect(line, 2, "history <id> <peer> [limit] | search <text> | calls [limit] | retention [days]");
        History history = agent.history;
        if (history == null) {
            throw new IllegalStateException("no history: the history bundle is not running");
        }
        Map<String, Object> event = Json.event("history");
        switch (line.word(1)) {
            case "search" -> {
                expect(line, 3, "history search <text>");
                event.put("search", line.rest(2));
                event.put("messages", messages(history.search(line.rest(2), DEFAULT_HISTORY)));
            }
            case "calls" -> event.put("calls", calls(history.calls(limit(line, 2))));
            case "retention" -> {
                if (line.size() > 2) {
                    event.put("removed", history.setRetention(Duration.ofDays(days(line.word(2)))));
                }
                event.put("retentionDays", history.retention().toDays());
            }
            default -> {
                expect(line, 3, "history <id> <peer> [limit]");
                String accountId = line.word(1);
                if (agent.accounts.account(accountId).isEmpty()) {
                    throw new IllegalArgumentException("no account " + accountId);
                }
                event.put("account", accountId);
                event.put("peer", line.word(2));
                List<Message> messages = history.conversation(accountId, line.word(2), limit(line, 3));
                List<Object> list = messages(messages);
                for (int i = 0; i < messages.size(); i++) {
                    Message message = messages.get(i);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> entry = (Map<String, Object>) list.get(i);
                    if (!message.incoming()) {
                        entry.put("delivered", history.isDelivered(accountId, message.peer(), message.id()));
                    }
                }
                event.put("messages", list);
            }
        }
        out.emit(event);
    }

    private static List<Object> messages(List<Message> messages) {
        List<Object> list = new ArrayList<>();
        for (Message message : messages) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("account", message.accountId());
            entry.put("peer", message.peer());
            entry.put("incoming", message.incoming());
            entry.put("sender", message.sender());
            entry.put("text", message.text());
            entry.put("id", message.id());
            entry.put("time", message.timestamp().toString());
            list.add(entry);
        }
        return list;
    }

    private static List<Object> calls(List<CallRecord> calls) {
        List<Object> list = new ArrayList<>();
        for (CallRecord call : calls) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("account", call.accountId());
            entry.put("direction", call.direction());
            entry.put("peer", call.peer());
            entry.put("peerName", call.peerName());
            entry.put("started", call.startedAt().toString());
            entry.put("connected", call.connectedAt().map(Object::toString).orElse(null));
            entry.put("ended", call.endedAt().toString());
            entry.put("reason", call.endReason());
            entry.put("detail", call.endDetail());
            list.add(entry);
        }
        return list;
    }

    private static int limit(CommandLine line, int index) {
        if (line.size() <= index) {
            return DEFAULT_HISTORY;
        }
        try {
            int limit = Integer.parseInt(line.word(index));
            if (limit > 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("limit must be a positive number: " + line.word(index));
    }

    private static long days(String word) {
        try {
            long days = Long.parseLong(word);
            if (days >= 0) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("retention is a number of days (0 keeps everything): " + word);
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
}
