package dev.switchboard.contacts.ldap.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.core.contacts.Contact;

/** Recent answers per query, least recently used dropped first, each valid for a fixed time. */
final class SearchCache {

    private record Answer(List<Contact> contacts, Instant expires) {
    }

    private final Duration validity;
    private final Clock clock;
    private final Map<String, Answer> answers;

    SearchCache(int capacity, Duration validity, Clock clock) {
        this.validity = validity;
        this.clock = clock;
        this.answers = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized List<Contact> get(String key) {
        Answer answer = answers.get(key);
        if (answer == null) {
            return null;
        }
        if (!clock.instant().isBefore(answer.expires())) {
            answers.remove(key);
            return null;
        }
        return answer.contacts();
    }

    synchronized void put(String key, List<Contact> contacts) {
        if (!validity.isZero()) {
            answers.put(key, new Answer(contacts, clock.instant().plus(validity)));
        }
    }

    synchronized void clear() {
        answers.clear();
    }
}
