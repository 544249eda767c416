package dev.switchboard.contacts.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.switchboard.contacts.AddressBook;
import dev.switchboard.contacts.BookEntry;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactSource;
import dev.switchboard.core.contacts.ContactSourceProperties;

/** The local book as a contact source; it answers from memory, so at once. */
@Component(service = ContactSource.class, property = ContactSourceProperties.KIND + "=" + ContactSourceProperties.LOCAL)
public class LocalBookSource implements ContactSource {

    private final AddressBook book;

    @Activate
    public LocalBookSource(@Reference AddressBook book) {
        this.book = book;
    }

    @Override
    public String id() {
        return AddressBook.SOURCE_ID;
    }

    @Override
    public String name() {
        return "Address book";
    }

    @Override
    public CompletionStage<List<Contact>> search(String query, int limit) {
        return CompletableFuture.completedFuture(
                book.search(query, limit).stream().map(entry -> entry.asContact(AddressBook.SOURCE_ID)).toList());
    }

    static boolean isFavourite(AddressBook book, Contact contact) {
        return AddressBook.SOURCE_ID.equals(contact.sourceId())
                && book.entry(contact.id()).map(BookEntry::favourite).orElse(false);
    }
}
