package dev.switchboard.core.contacts;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A person or place with any number of addresses.
 *
 * @param sourceId        the {@link ContactSource} it came from
 * @param id              stable within its source
 * @param organisation    empty when unknown
 * @param groups          names of the groups it belongs to (address book groups, roster groups), sorted
 *                        (since 1.2)
 * @param postalAddresses postal addresses (since 1.2)
 * @param birthday        ISO 8601: {@code 1985-04-15}, or {@code --04-15} when the year is unknown; empty when
 *                        unknown (since 1.2)
 * @param photo           a URI of the picture, a {@code data:} URI (RFC 2397) when the picture is held inline;
 *                        empty when none (since 1.2)
 */
public record Contact(String sourceId, String id, String displayName, String organisation,
        List<ContactAddress> addresses, Set<String> groups, List<PostalAddress> postalAddresses, String birthday,
        String photo) {

    public Contact {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(birthday, "birthday");
        Objects.requireNonNull(photo, "photo");
        addresses = List.copyOf(addresses);
        groups = Collections.unmodifiableSet(new TreeSet<>(groups));
        postalAddresses = List.copyOf(postalAddresses);
        checkBirthday(birthday);
    }

    /** A contact with just a name, organisation and addresses, as sources that know no more give it. */
    public Contact(String sourceId, String id, String displayName, String organisation,
            List<ContactAddress> addresses) {
        this(sourceId, id, displayName, organisation, addresses, Set.of(), List.of(), "", "");
    }

    /**
     * Checks that {@code birthday} is empty, an ISO 8601 date or a month and day without year ({@code --MM-DD}).
     *
     * @throws IllegalArgumentException if it is neither
     * @since 1.2
     */
    public static void checkBirthday(String birthday) {
        if (birthday.isEmpty()) {
            return;
        }
        try {
            if (birthday.startsWith("--")) {
                MonthDay.parse(birthday);
            } else {
                LocalDate.parse(birthday);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("birthday '" + birthday + "' is neither YYYY-MM-DD nor --MM-DD", e);
        }
    }
}
