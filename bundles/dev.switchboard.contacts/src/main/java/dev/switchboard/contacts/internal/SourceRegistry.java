package dev.switchboard.contacts.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.core.contacts.ContactSource;
import dev.switchboard.core.contacts.ContactSourceProperties;

/** The contact source services present now, with their kind; most trusted kind first. */
final class SourceRegistry {

    record Registered(ContactSource source, String kind) {
        int rank() {
            return Merger.rank(kind);
        }
    }

    private final Map<ContactSource, Registered> sources = new ConcurrentHashMap<>();

    void add(ContactSource source, Map<String, Object> properties) {
        Object kind = properties.get(ContactSourceProperties.KIND);
        sources.put(source, new Registered(source, kind == null ? "" : kind.toString()));
    }

    void remove(ContactSource source) {
        sources.remove(source);
    }

    List<Registered> all() {
        return sources.values().stream()
                .sorted(Comparator.comparingInt(Registered::rank).thenComparing(r -> r.source().id()))
                .toList();
    }
}
