package dev.switchboard.contacts.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.contacts.AddressBook;
import dev.switchboard.contacts.BookEntry;
import dev.switchboard.contacts.CallerIdentification;
import dev.switchboard.contacts.CallerIdentity;
import dev.switchboard.contacts.NumberPlan;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.contacts.ContactSource;
import dev.switchboard.core.contacts.ContactSourceProperties;

/**
 * Caller identification: the local book's address index first (in memory), then the other sources kind
 * by kind (directory, roster, other, history), each kind's sources together and bounded by the
 * time-out; a candidate counts only if one of its addresses has the caller's key. Answers, found or not,
 * are cached (found for 10 minutes, not found for 1 minute) and dropped when the local book changes.
 * {@link IncomingCallIdentifier} uses it for every incoming call.
 */
@Component(service = CallerIdentification.class)
public class DefaultCallerIdentification implements CallerIdentification {

    private static final Logger LOG = System.getLogger(DefaultCallerIdentification.class.getName());
    static final Duration FOUND_VALIDITY = Duration.ofMinutes(10);
    static final Duration NOT_FOUND_VALIDITY = Duration.ofMinutes(1);
    private static final int CACHE_SIZE = 1024;
    private static final int CANDIDATES = 20;

    private record Cached(Optional<CallerIdentity> identity, Instant expires, long bookRevision) {
    }

    private final AddressBook book;
    private final NumberPlan plan;
    private final Merger merger;
    private final SourceRegistry sources = new SourceRegistry();
    private final Clock clock;
    private final Map<String, Cached> cache = new LinkedHashMap<>(CACHE_SIZE * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    @Activate
    public DefaultCallerIdentification(@Reference AddressBook book, @Reference NumberPlan plan,
            @Reference PresenceBoard presence) {
        this(book, plan, presence, Clock.systemUTC());
    }

    DefaultCallerIdentification(AddressBook book, NumberPlan plan, PresenceBoard presence, Clock clock) {
        this.book = book;
        this.plan = plan;
        this.clock = clock;
        this.merger = new Merger(plan, presence::presence, contact -> LocalBookSource.isFavourite(book, contact));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addSource(ContactSource source, Map<String, Object> properties) {
        sources.add(source, properties);
    }

    void removeSource(ContactSource source) {
        sources.remove(source);
    }

    @Override
    public CompletionStage<Optional<CallerIdentity>> identify(String numberOrAddress) {
        String key = plan.key(numberOrAddress);
        if (key.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        long revision = book.revision();
        synchronized (cache) {
            Cached cached = cache.get(key);
            if (cached != null && cached.bookRevision() == revision && clock.instant().isBefore(cached.expires())) {
                return CompletableFuture.completedFuture(cached.identity().map(
                        identity -> new CallerIdentity(numberOrAddress, identity.contact(), identity.sourceKind())));
            }
        }
        List<BookEntry> local = book.withAddress(numberOrAddress);
        if (!local.isEmpty()) {
            List<Contact> contacts = local.stream().map(entry -> entry.asContact(AddressBook.SOURCE_ID)).toList();
            return CompletableFuture.completedFuture(remember(key, revision,
                    Optional.of(new CallerIdentity(numberOrAddress, merger.join(contacts), ContactSourceProperties.LOCAL))));
        }
        Map<Integer, List<SourceRegistry.Registered>> byRank = new java.util.TreeMap<>();
        for (SourceRegistry.Registered registered : sources.all()) {
            if (registered.rank() > 0) {
                byRank.computeIfAbsent(registered.rank(), rank -> new ArrayList<>()).add(registered);
            }
        }
        return askInTurn(new ArrayList<>(byRank.values()), numberOrAddress, key, plan.lookupText(numberOrAddress),
                MergedContactDirectory.DEFAULT_TIMEOUT)
                .thenApply(found -> remember(key, revision, found));
    }

    private CompletableFuture<Optional<CallerIdentity>> askInTurn(List<List<SourceRegistry.Registered>> kinds,
            String address, String key, String lookup, Duration timeout) {
        if (kinds.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        List<SourceRegistry.Registered> kind = kinds.getFirst();
        List<CompletableFuture<List<Contact>>> answers = new ArrayList<>();
        for (SourceRegistry.Registered registered : kind) {
            CompletableFuture<List<Contact>> search;
            try {
                search = registered.source().search(lookup, CANDIDATES).toCompletableFuture();
            } catch (RuntimeException e) {
                search = CompletableFuture.failedFuture(e);
            }
            CompletableFuture<List<Contact>> bounded = search;
            answers.add(search.exceptionally(failure -> {
                LOG.log(Level.DEBUG, "caller lookup: source {0} did not answer: {1}", registered.source().id(), failure);
                return List.of();
            }).completeOnTimeout(List.of(), timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
                if (!bounded.isDone()) {
                    bounded.cancel(true);
                }
            }));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            List<Contact> matching = new ArrayList<>();
            for (CompletableFuture<List<Contact>> answer : answers) {
                for (Contact contact : answer.join()) {
                    if (hasKey(contact, key)) {
                        matching.add(contact);
                    }
                }
            }
            if (!matching.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.of(
                        new CallerIdentity(address, merger.join(matching), kind.getFirst().kind())));
            }
            return askInTurn(kinds.subList(1, kinds.size()), address, key, lookup, timeout);
        });
    }

    private boolean hasKey(Contact contact, String key) {
        for (ContactAddress address : contact.addresses()) {
            if (key.equals(plan.key(address))) {
                return true;
            }
        }
        return false;
    }

    private Optional<CallerIdentity> remember(String key, long revision, Optional<CallerIdentity> identity) {
        Duration validity = identity.isPresent() ? FOUND_VALIDITY : NOT_FOUND_VALIDITY;
        synchronized (cache) {
            cache.put(key, new Cached(identity, clock.instant().plus(validity), revision));
        }
        return identity;
    }
}
