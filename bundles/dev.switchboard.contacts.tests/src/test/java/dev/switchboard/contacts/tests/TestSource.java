package dev.switchboard.contacts.tests;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.contacts.ContactSource;

/**
 * A contact source plug-in registered by a test: one that answers from a fixed list (standing in for a
 * roster, whose plug-in another bundle provides), or one that never answers (a hung server).
 */
final class TestSource implements ContactSource {
    private final String id;
    private final List<Contact> contacts;
    private final boolean hangs;
    final List<CompletableFuture<List<Contact>>> pending = new CopyOnWriteArrayList<>();

    private TestSource(String id, List<Contact> contacts, boolean hangs) {
        this.id = id;
        this.contacts = contacts;
        this.hangs = hangs;
    }

    static TestSource answering(String id, List<Contact> contacts) {
        return new TestSource(id, contacts, false);
    }

    static TestSource hanging(String id) {
        return new TestSource(id, List.of(), true);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return "test source " + id;
    }

    @Override
    public CompletionStage<List<Contact>> search(String query, int limit) {
        if (hangs) {
            CompletableFuture<List<Contact>> never = new CompletableFuture<>();
            pending.add(never);
            return never;
        }
        String needle = query.toLowerCase(Locale.ROOT);
        return CompletableFuture.completedFuture(contacts.stream()
                .filter(contact -> contact.displayName().toLowerCase(Locale.ROOT).contains(needle)
                        || contact.addresses().stream().map(ContactAddress::value)
                                .anyMatch(value -> value.toLowerCase(Locale.ROOT).contains(needle)))
                .limit(limit).toList());
    }
}
