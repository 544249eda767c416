package dev.switchboard.agent.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.contacts.AddressBook;
import dev.switchboard.contacts.BookEntry;
import dev.switchboard.contacts.CallerIdentification;
import dev.switchboard.contacts.CallerIdentity;
import dev.switchboard.contacts.ContactDirectory;
import dev.switchboard.contacts.MergedContact;
import dev.switchboard.contacts.MergedSearch;
import dev.switchboard.contacts.SourceStatus;
import dev.switchboard.contacts.ldap.LdapDirectories;
import dev.switchboard.contacts.ldap.LdapDirectoryConfig;
import dev.switchboard.contacts.vcard.VcardCodec;
import dev.switchboard.core.contacts.ContactAddress;

/**
 * The agent's address book commands ({@code contacts ...}, {@code whois}); docs/agent.md. A separate
 * component so that the agent runs, without these commands, where the contacts plug-in is missing.
 */
@Component(service = ContactCommands.class)
public class ContactCommands {

    private static final long WAIT_SECONDS = 15;
    private static final int SEARCH_LIMIT = 50;
    private static final String PASSWORD = "password";

    private final ContactDirectory directory;
    private final AddressBook book;
    private final CallerIdentification callers;
    private final VcardCodec vcards;

    /** Absent without the LDAP plug-in; then {@code contacts directory} is refused. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile LdapDirectories directories;

    @Activate
    public ContactCommands(@Reference ContactDirectory directory, @Reference AddressBook book,
            @Reference CallerIdentification callers, @Reference VcardCodec vcards) {
        this.directory = directory;
        this.book = book;
        this.callers = callers;
        this.vcards = vcards;
    }

    /** {@code contacts ...}; returns the reply event. */
    Map<String, Object> contacts(CommandLine line) {
        if (line.size() < 2) {
            throw new IllegalArgumentException("usage: contacts search|group|import|export|directory ...");
        }
        return switch (line.word(1)) {
            case "search" -> search(line.rest(2));
            case "group" -> group(line.size() < 3 ? "" : line.rest(2));
            case "import" -> importFile(line);
            case "export" -> exportFile(line);
            case "directory" -> directory(line);
            default -> throw new IllegalArgumentException("unknown 'contacts " + line.word(1)
                    + "'; use search, group, import, export or directory");
        };
    }

    private Map<String, Object> search(String query) {
        MergedSearch result = await(directory.search(query, SEARCH_LIMIT).toCompletableFuture(), "search");
        Map<String, Object> event = Json.event("contacts");
        event.put("query", query);
        event.put("contacts", result.contacts().stream().map(ContactCommands::contact).toList());
        List<Object> sources = new ArrayList<>();
        for (SourceStatus status : result.sources()) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("source", status.sourceId());
            source.put("name", status.name());
            source.put("state", status.state().name());
            source.put("count", status.contacts());
            source.put("reason", status.reason());
            sources.add(source);
        }
        event.put("sources", sources);
        return event;
    }

    /** {@code contacts group}: the book's groups; {@code contacts group <name>}: the entries in it. */
    private Map<String, Object> group(String name) {
        Map<String, Object> event = Json.event("contacts-group");
        event.put("group", name);
        event.put("groups", List.copyOf(book.groups()));
        List<Object> entries = new ArrayList<>();
        if (!name.isEmpty()) {
            for (BookEntry entry : book.inGroup(name)) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", entry.id());
                item.put("name", entry.displayName());
                item.put("organisation", entry.organisation());
                item.put("favourite", entry.favourite());
                item.put("groups", List.copyOf(entry.groups()));
                item.put("addresses", addresses(entry.addresses()));
                entries.add(item);
            }
        }
        event.put("contacts", entries);
        return event;
    }

    private Map<String, Object> importFile(CommandLine line) {
        if (line.size() < 3) {
            throw new IllegalArgumentException("usage: contacts import <file.vcf>");
        }
        Path file = Path.of(line.word(2));
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        VcardCodec.ImportResult result = vcards.read(text);
        List<BookEntry> added = book.addAll(result.entries());
        Map<String, Object> event = Json.event("contacts-import");
        event.put("file", file.toString());
        event.put("imported", added.size());
        List<Object> problems = new ArrayList<>();
        for (VcardCodec.Problem problem : result.problems()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("line", problem.line());
            entry.put("message", problem.message());
            problems.add(entry);
        }
        event.put("problems", problems);
        return event;
    }

    private Map<String, Object> exportFile(CommandLine line) {
        if (line.size() < 3) {
            throw new IllegalArgumentException("usage: contacts export <file.vcf> [3.0|4.0]");
        }
        Path file = Path.of(line.word(2)).toAbsolutePath();
        String versionWord = line.size() > 3 ? line.word(3) : "4.0";
        VcardCodec.Version version = switch (versionWord) {
            case "3.0" -> VcardCodec.Version.V3_0;
            case "4.0" -> VcardCodec.Version.V4_0;
            default -> throw new IllegalArgumentException("vCard version must be 3.0 or 4.0, not '" + versionWord + "'");
        };
        List<BookEntry> entries = book.entries();
        try {
            // written beside the target and moved over it, so a reader never sees half a file
            Path temp = Files.createTempFile(file.getParent(), ".contacts-export", ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                vcards.write(entries, version, out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
        Map<String, Object> event = Json.event("contacts-export");
        event.put("file", file.toString());
        event.put("exported", entries.size());
        event.put("version", versionWord);
        return event;
    }

    private Map<String, Object> directory(CommandLine line) {
        LdapDirectories configured = directories;
        if (configured == null) {
            throw new IllegalStateException("the LDAP directory plug-in is not installed");
        }
        if (line.size() < 4) {
            throw new IllegalArgumentException("usage: contacts directory add <id> key=value... | remove <id>");
        }
        String id = line.word(3);
        switch (line.word(2)) {
            case "add" -> {
                Map<String, String> settings = new LinkedHashMap<>();
                for (String pair : line.words(4)) {
                    int equals = pair.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("expected key=value, got '" + pair + "'");
                    }
                    settings.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
                char[] password = Optional.ofNullable(settings.remove(PASSWORD)).map(String::toCharArray).orElse(null);
                configured.put(LdapDirectoryConfig.fromSettings(id, settings), password);
            }
            case "remove" -> {
                if (!configured.remove(id)) {
                    throw new IllegalArgumentException("no directory " + id);
                }
            }
            default -> throw new IllegalArgumentException("unknown 'contacts directory " + line.word(2)
                    + "'; use add or remove");
        }
        Map<String, Object> event = Json.event("ok");
        event.put("command", "contacts directory " + line.word(2));
        return event;
    }

    /** {@code whois <number|address>}. */
    Map<String, Object> whois(CommandLine line) {
        if (line.size() < 2) {
            throw new IllegalArgumentException("usage: whois <number|address>");
        }
        String address = line.rest(1);
        Optional<CallerIdentity> identity = await(callers.identify(address).toCompletableFuture(), "whois");
        Map<String, Object> event = Json.event("whois");
        event.put("address", address);
        event.put("found", identity.isPresent());
        identity.ifPresent(found -> {
            event.put("sourceKind", found.sourceKind());
            event.put("contact", contact(found.contact()));
        });
        return event;
    }

    private static Map<String, Object> contact(MergedContact contact) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", contact.displayName());
        entry.put("organisation", contact.organisation());
        entry.put("favourite", contact.favourite());
        entry.put("presence", PresenceWords.word(contact.presence().availability()));
        entry.put("sources", List.copyOf(contact.sourceIds()));
        entry.put("groups", List.copyOf(contact.groups()));
        entry.put("addresses", addresses(contact.addresses()));
        return entry;
    }

    private static List<Object> addresses(List<ContactAddress> contactAddresses) {
        List<Object> addresses = new ArrayList<>();
        for (ContactAddress address : contactAddresses) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", address.kind().name().toLowerCase(java.util.Locale.ROOT));
            item.put("value", address.value());
            item.put("label", address.label());
            addresses.add(item);
        }
        return addresses;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future, String what) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException(what + " got no answer within " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted");
        }
    }
}
