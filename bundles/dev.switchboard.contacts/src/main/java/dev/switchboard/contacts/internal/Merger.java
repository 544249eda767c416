package dev.switchboard.contacts.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.switchboard.contacts.MergedContact;
import dev.switchboard.contacts.NumberPlan;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.contacts.ContactSourceProperties;
import dev.switchboard.core.presence.Presence;

/**
 * Joins contacts of several sources that share a normalised number or address (transitively), the most
 * trusted source's contact first.
 */
final class Merger {

    private final NumberPlan plan;
    private final Function<String, Presence> presenceByKey;
    private final Predicate<Contact> favourite;

    Merger(NumberPlan plan, Function<String, Presence> presenceByKey, Predicate<Contact> favourite) {
        this.plan = plan;
        this.presenceByKey = presenceByKey;
        this.favourite = favourite;
    }

    /** Lower is more trusted. */
    static int rank(String kind) {
        return switch (kind == null ? "" : kind) {
            case ContactSourceProperties.LOCAL -> 0;
            case ContactSourceProperties.DIRECTORY -> 1;
            case ContactSourceProperties.ROSTER -> 2;
            case ContactSourceProperties.HISTORY -> 4;
            default -> 3;
        };
    }

    /**
     * @param contacts contacts in trust order (most trusted source first)
     */
    List<MergedContact> merge(List<Contact> contacts) {
        int[] parent = new int[contacts.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstWithKey = new HashMap<>();
        for (int i = 0; i < contacts.size(); i++) {
            for (ContactAddress address : contacts.get(i).addresses()) {
                String key = plan.key(address);
                if (key.isEmpty()) {
                    continue;
                }
                Integer other = firstWithKey.putIfAbsent(key, i);
                if (other != null) {
                    union(parent, other, i);
                }
            }
        }
        Map<Integer, List<Contact>> groups = new LinkedHashMap<>();
        for (int i = 0; i < contacts.size(); i++) {
            groups.computeIfAbsent(find(parent, i), root -> new ArrayList<>()).add(contacts.get(i));
        }
        List<MergedContact> merged = new ArrayList<>(groups.size());
        groups.values().forEach(group -> merged.add(join(group)));
        return merged;
    }

    MergedContact join(List<Contact> group) {
        Contact first = group.getFirst();
        String organisation = group.stream().map(Contact::organisation).filter(o -> !o.isBlank()).findFirst().orElse("");
        Set<String> seen = new LinkedHashSet<>();
        List<ContactAddress> addresses = new ArrayList<>();
        Presence best = Presence.OFFLINE;
        boolean isFavourite = false;
        for (Contact contact : group) {
            isFavourite |= favourite.test(contact);
            for (ContactAddress address : contact.addresses()) {
                String key = plan.key(address);
                // one address per key and kind: a JID equal to a mail address is still what chat needs
                if (seen.add(address.kind() + " " + (key.isEmpty() ? "raw:" + address.value() : key))) {
                    addresses.add(address);
                    if (!key.isEmpty()) {
                        Presence presence = presenceByKey.apply(key);
                        if (presence.availability().ordinal() < best.availability().ordinal()) {
                            best = presence;
                        }
                    }
                }
            }
        }
        return new MergedContact(first.displayName(), organisation, addresses, group, best, isFavourite);
    }

    /** Favourites, then names starting with the query, then by name. */
    static Comparator<MergedContact> order(String query) {
        String prefix = query.strip().toLowerCase(Locale.ROOT);
        return Comparator.comparing((MergedContact contact) -> !contact.favourite())
                .thenComparing(contact -> prefix.isEmpty()
                        || !contact.displayName().toLowerCase(Locale.ROOT).startsWith(prefix))
                .thenComparing(contact -> contact.displayName().toLowerCase(Locale.ROOT));
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int rootA = find(parent, a);
        int rootB = find(parent, b);
        // the lower index is the more trusted contact: keep it the root so it leads the group
        if (rootA < rootB) {
            parent[rootB] = rootA;
        } else if (rootB < rootA) {
            parent[rootA] = rootB;
        }
    }
}
