package dev.switchboard.contacts.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.contacts.AddressBook;
import dev.switchboard.contacts.ContactDirectory;
import dev.switchboard.contacts.MergedContact;
import dev.switchboard.contacts.MergedSearch;
import dev.switchboard.contacts.NumberPlan;
import dev.switchboard.contacts.SourceStatus;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactSource;

/**
 * Asks every contact source at once, each bounded by the time-out (preference
 * {@code sourceTimeoutMillis} of {@code dev.switchboard.contacts}, default 2000), and merges what came
 * back. A source that times out has its search cancelled.
 */
@Component(service = ContactDirectory.class)
public class MergedContactDirectory implements ContactDirectory {

    private static final Logger LOG = System.getLogger(MergedContactDirectory.class.getName());
    static final String TIMEOUT = "sourceTimeoutMillis";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final SourceRegistry sources = new SourceRegistry();
    private final Merger merger;

    @Activate
    public MergedContactDirectory(@Reference AddressBook book, @Reference NumberPlan plan,
            @Reference PresenceBoard presence) {
        this.merger = new Merger(plan, presence::presence, contact -> LocalBookSource.isFavourite(book, contact));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addSource(ContactSource source, Map<String, Object> properties) {
        sources.add(source, properties);
    }

    void removeSource(ContactSource source) {
        sources.remove(source);
    }

    private static Duration timeout() {
        long millis = InstanceScope.INSTANCE.getNode(ConfiguredNumberPlan.PREFERENCES_NODE).getLong(TIMEOUT,
                DEFAULT_TIMEOUT.toMillis());
        return Duration.ofMillis(Math.max(1, millis));
    }

    @Override
    public CompletionStage<MergedSearch> search(String query, int limit) {
        return search(query, limit, timeout());
    }

    /** A search with an explicit time-out per source. */
    public CompletableFuture<MergedSearch> search(String query, int limit, Duration timeout) {
        List<SourceRegistry.Registered> asked = sources.all();
        List<CompletableFuture<List<Contact>>> searches = new ArrayList<>(asked.size());
        List<CompletableFuture<Answer>> answers = new ArrayList<>(asked.size());
        for (SourceRegistry.Registered registered : asked) {
            CompletableFuture<List<Contact>> search = start(registered.source(), query, limit);
            searches.add(search);
            // the cancel runs before the answer counts, so nothing of a timed-out search outlives the merge
            answers.add(search.handle((contacts, failure) -> Answer.of(registered, contacts, failure))
                    .completeOnTimeout(Answer.timedOut(registered, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(answer -> {
                        if (answer.status().state() == SourceStatus.State.TIMED_OUT) {
                            search.cancel(true);
                        }
                        return answer;
                    }));
        }
        CompletableFuture<MergedSearch> result = new CompletableFuture<>();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenRun(() -> {
            try {
                result.complete(merge(query, limit, answers.stream().map(CompletableFuture::join).toList()));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        result.whenComplete((merged, failure) -> {
            if (result.isCancelled()) {
                searches.forEach(search -> search.cancel(true));
            }
        });
        return result;
    }

    private static CompletableFuture<List<Contact>> start(ContactSource source, String query, int limit) {
        try {
            return source.search(query, limit).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private MergedSearch merge(String query, int limit, List<Answer> answers) {
        List<Contact> contacts = new ArrayList<>();
        List<SourceStatus> statuses = new ArrayList<>();
        for (Answer answer : answers) {
            contacts.addAll(answer.contacts());
            statuses.add(answer.status());
        }
        List<MergedContact> merged = new ArrayList<>(merger.merge(contacts));
        merged.sort(Merger.order(query));
        return new MergedSearch(query, merged.size() > limit ? merged.subList(0, limit) : merged, statuses);
    }

    @Override
    public TypeAhead typeAhead(int limit) {
        return new TypeAhead() {
            private CompletableFuture<MergedSearch> current;

            @Override
            public synchronized CompletionStage<MergedSearch> update(String query) {
                if (current != null) {
                    current.cancel(true);
                }
                current = search(query, limit, timeout());
                return current;
            }

            @Override
            public synchronized void close() {
                if (current != null) {
                    current.cancel(true);
                    current = null;
                }
            }
        };
    }

    /** One source's contribution. */
    private record Answer(List<Contact> contacts, SourceStatus status) {

        static Answer of(SourceRegistry.Registered registered, List<Contact> contacts, Throwable failure) {
            ContactSource source = registered.source();
            if (failure == null) {
                return new Answer(contacts, new SourceStatus(source.id(), source.name(), SourceStatus.State.ANSWERED,
                        contacts.size(), ""));
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                    : failure;
            String reason = cause instanceof CancellationException ? "cancelled"
                    : cause.getMessage() == null ? cause.toString() : cause.getMessage();
            LOG.log(Level.DEBUG, "contact source {0} did not answer: {1}", source.id(), reason);
            return new Answer(List.of(), new SourceStatus(source.id(), source.name(), SourceStatus.State.UNAVAILABLE, 0,
                    reason));
        }

        static Answer timedOut(SourceRegistry.Registered registered, Duration timeout) {
            ContactSource source = registered.source();
            return new Answer(List.of(), new SourceStatus(source.id(), source.name(), SourceStatus.State.TIMED_OUT, 0,
                    "no answer within " + timeout.toMillis() + " ms"));
        }
    }
}
