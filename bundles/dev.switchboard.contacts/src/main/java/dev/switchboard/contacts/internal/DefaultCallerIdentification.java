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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.core.runtime.preferences.InstanceScope;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.contacts.AddressBook;
import dev.switchboard.contacts.CallerIdentification;
import dev.switchboard.contacts.CallerIdentity;
import dev.switchboard.contacts.NumberPlan;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.contacts.ContactSource;
import dev.switchboard.core.contacts.ContactSourceProperties;

/**
 * Caller identification: the local book's address index first (in memory; the directories then only add
 * to what the book says), else the other sources kind by kind (directory, roster, other, history), each
 * kind's sources together and bounded by the caller time-out; a candidate counts only if one of its
 * addresses has the caller's key. Answers, found or not, are cached (found for 10 minutes, not found for
 * 1 minute) and dropped when the local book changes (including its keys, when the number plan changes).
 * {@link IncomingCallIdentifier} uses it for every incoming call.
 */
@Component(service = CallerIdentification.class)
public class DefaultCallerIdentification implements CallerIdentification {

    private static final Logger LOG = System.getLogger(DefaultCallerIdentification.class.getName());
    static final Duration FOUND_VALIDITY = Duration.ofMinutes(10);
    static final Duration NOT_FOUND_VALIDITY = Duration.ofMinutes(1);
    private static final int CACHE_SIZE = 1024;
    private static final int CANDIDATES = 20;
    static final String TIMEOUT = "callerTimeoutMillis";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private record Cached(Optional<CallerIdentity> identity, Instant expires, long bookRevision) {
    }

    private final AddressBook book;
    private final NumberPlan plan;
    private final Merger merger;
    private final SourceRegistry sources = new SourceRegistry();
    private final Clock clock;
    /** Read at each lookup, so a changed preference applies to the next call. */
    private final Supplier<Duration> timeout;
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
        this(book, plan, presence, Clock.systemUTC(), DefaultCallerIdentification::configuredTimeout);
    }

    /** Outside the framework (benchmarks), with a fixed caller time-out instead of the preference. */
    public DefaultCallerIdentification(AddressBook book, NumberPlan plan, PresenceBoard presence, Duration timeout) {
        this(book, plan, presence, Clock.systemUTC(), () -> timeout);
    }

    DefaultCallerIdentification(AddressBook book, NumberPlan plan, PresenceBoard presence, Clock clock,
            Supplier<Duration> timeout) {
        this.book = book;
        this.plan = plan;
        this.clock = clock;
        this.timeout = timeout;
        this.merger = new Merger(plan, presence::presence, contact -> LocalBookSource.isFavourite(book, contact));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addSource(ContactSource source, Map<String, Object> properties) {
        sources.add(source, properties);
    }

    void removeSource(ContactSource source) {
        sources.remove(source);
    }

    /** The caller time-out: preference {@value #TIMEOUT} of the contacts node, default 2000 ms. */
    private static Duration configuredTimeout() {
        long millis = InstanceScope.INSTANCE.getNode(ConfiguredNumberPlan.PREFERENCES_NODE).getLong(TIMEOUT,
                DEFAULT_TIMEOUT.toMillis());
        return Duration.ofMillis(Math.max(1, millis));
    }

    @Override
    public Optional<CallerIdentity> identifyLocally(String numberOrAddress) {
        String key = plan.key(numberOrAddress);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        long revision = book.revision();
        Optional<Optional<CallerIdentity>> cached = cached(numberOrAddress, key, revision);
        if (cached.isPresent()) {
            return cached.get();
        }
        List<Contact> local = localContacts(numberOrAddress);
        return local.isEmpty() ? Optional.empty()
                : Optional.of(new CallerIdentity(numberOrAddress, merger.join(local), ContactSourceProperties.LOCAL));
    }

    @Override
    public CompletionStage<Optional<CallerIdentity>> identify(String numberOrAddress) {
        String key = plan.key(numberOrAddress);
        if (key.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        long revision = book.revision();
        Optional<Optional<CallerIdentity>> cached = cached(numberOrAddress, key, revision);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        Map<Integer, List<SourceRegistry.Registered>> byRank = new TreeMap<>();
        for (SourceRegistry.Registered registered : sources.all()) {
            if (registered.rank() > 0) {
                byRank.computeIfAbsent(registered.rank(), rank -> new ArrayList<>()).add(registered);
            }
        }
        String lookup = plan.lookupText(numberOrAddress);
        Duration timeout = this.timeout.get();
        List<Contact> local = localContacts(numberOrAddress);
        if (!local.isEmpty()) {
            // the book names the caller; the directories may add an organisation and more addresses
            List<SourceRegistry.Registered> directories = byRank.getOrDefault(Merger.rank(
                    ContactSourceProperties.DIRECTORY), List.of());
            return ask(directories, key, lookup, timeout).thenApply(found -> {
                List<Contact> joined = new ArrayList<>(local);
                joined.addAll(found);
                return remember(key, revision, Optional.of(
                        new CallerIdentity(numberOrAddress, merger.join(joined), ContactSourceProperties.LOCAL)));
            });
        }
        return askInTurn(new ArrayList<>(byRank.values()), numberOrAddress, key, lookup, timeout)
                .thenApply(found -> remember(key, revision, found));
    }

    private List<Contact> localContacts(String numberOrAddress) {
        return book.withAddress(numberOrAddress).stream().map(entry -> entry.asContact(AddressBook.SOURCE_ID)).toList();
    }

    /** The cached answer (itself possibly "nobody") with the address as given, if still valid. */
    private Optional<Optional<CallerIdentity>> cached(String numberOrAddress, String key, long revision) {
        synchronized (cache) {
            Cached cached = cache.get(key);
            if (cached != null && cached.bookRevision() == revision && clock.instant().isBefore(cached.expires())) {
                return Optional.of(cached.identity().map(
                        identity -> new CallerIdentity(numberOrAddress, identity.contact(), identity.sourceKind())));
            }
        }
        return Optional.empty();
    }

    private CompletableFuture<Optional<CallerIdentity>> askInTurn(List<List<SourceRegistry.Registered>> kinds,
            String address, String key, String lookup, Duration timeout) {
        if (kinds.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        List<SourceRegistry.Registered> kind = kinds.getFirst();
        return ask(kind, key, lookup, timeout).thenCompose(matching -> {
            if (!matching.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.of(
                        new CallerIdentity(address, merger.join(matching), kind.getFirst().kind())));
            }
            return askInTurn(kinds.subList(1, kinds.size()), address, key, lookup, timeout);
        });
    }

    /**
     * Asks the sources of one kind together, each bounded by the time-out (a late search is cancelled); the
     * contacts with an address of the caller's key, in the sources' order.
     */
    private CompletableFuture<List<Contact>> ask(List<SourceRegistry.Registered> kind, String key, String lookup,
            Duration timeout) {
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
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Contact> matching = new ArrayList<>();
            for (CompletableFuture<List<Contact>> answer : answers) {
                for (Contact contact : answer.join()) {
                    if (hasKey(contact, key)) {
                        matching.add(contact);
                    }
                }
            }
            return matching;
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
