package dev.switchboard.testing.peers;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a process we started together with every process it forked (Kamailio forks its workers), and
 * nothing else: the descendants are taken from the process handle before anything is signalled.
 */
final class ProcessTree {
    private static final long GRACE_MILLIS = 5_000;

    private ProcessTree() {
    }

    static void stop(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        awaitExit(process.toHandle());
        for (ProcessHandle descendant : descendants) {
            // a child outlives its parent's SIGTERM only if the parent could not pass it on
            if (descendant.isAlive()) {
                descendant.destroy();
                awaitExit(descendant);
            }
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static void awaitExit(ProcessHandle handle) {
        CompletableFuture<ProcessHandle> exit = handle.onExit();
        try {
            exit.get(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handle.destroyForcibly();
            exit.orTimeout(GRACE_MILLIS, TimeUnit.MILLISECONDS).exceptionally(ignored -> handle).join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for process " + handle.pid() + " failed", e);
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
