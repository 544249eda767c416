package dev.switchboard.testing.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process we started together with every process it forked (Kamailio forks its workers), and
 * nothing else: the descendants are taken from the process handle before anything is signalled, so children
 * orphaned by their parent's exit are still found.
 */
final class ProcessTree {
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long EXIT_POLL_MILLIS = 10;

    private ProcessTree() {
    }

    static void stop(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        boolean parentObeyed = terminate(List.of(process.toHandle()));
        List<ProcessHandle> survivors = descendants.stream().filter(ProcessTree::isRunning).toList();
        if (parentObeyed) {
            // orphans of a parent that did not pass SIGTERM on get their own, then SIGKILL
            survivors.forEach(ProcessHandle::destroy);
            terminate(survivors);
        } else {
            // a tree whose root ignored SIGTERM for the whole grace period gets no second grace period
            survivors.forEach(ProcessHandle::destroyForcibly);
            terminate(survivors);
        }
    }

    /**
     * Waits for already signalled processes to exit within one shared grace period, then kills the rest.
     * Returns whether all exited within the grace period.
     */
    private static boolean terminate(List<ProcessHandle> signalled) {
        long deadline = System.nanoTime() + GRACE_NANOS;
        List<ProcessHandle> killed = new ArrayList<>();
        for (ProcessHandle handle : signalled) {
            if (!awaitExit(handle, deadline - System.nanoTime())) {
                handle.destroyForcibly();
                killed.add(handle);
            }
        }
        long killDeadline = System.nanoTime() + GRACE_NANOS;
        for (ProcessHandle handle : killed) {
            awaitExit(handle, killDeadline - System.nanoTime());
        }
        return killed.isEmpty();
    }

    private static boolean awaitExit(ProcessHandle handle, long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (isRunning(handle)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(EXIT_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Alive and not a zombie. An orphaned child that has exited stays a zombie until whatever reaps orphans
     * here gets to it, which in containers can take seconds; ProcessHandle.isAlive() counts zombies as alive.
     */
    static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            // the state follows the command name, which is in parentheses and may itself contain ") "
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | IndexOutOfBoundsException e) {
            return handle.isAlive();
        }
    }
}
