package dev.switchboard.ui.operations;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Runs what the user asks of the core (dial, answer, hold, register, set presence, ...) off the UI
 * thread, one at a time in the order asked. A protocol may block on the network; the window must
 * not. Callers show the outcome with {@code UISynchronize} when the returned future completes.
 */
@Component(service = CoreOperations.class)
public final class CoreOperations {

    private final ExecutorService worker = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> Thread.ofPlatform().daemon().name("switchboard-ui-operations").unstarted(task));

    public CompletableFuture<Void> run(Runnable operation) {
        return CompletableFuture.runAsync(operation, worker);
    }

    public <T> CompletableFuture<T> supply(Supplier<T> operation) {
        return CompletableFuture.supplyAsync(operation, worker);
    }

    @Deactivate
    void stop() {
        worker.shutdown();
    }

    /** The sentence to show for a failed operation: the core's message, without wrapper exceptions. */
    public static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
