package dev.switchboard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.ui.di.UISynchronize;
import org.junit.jupiter.api.Test;

class FirstPaintTest {

    /** Queues what is handed to the UI thread, run when the test says. */
    private static final class Queue extends UISynchronize {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public void syncExec(Runnable runnable) {
            runnable.run();
        }

        @Override
        public void asyncExec(Runnable runnable) {
            queued.add(runnable);
        }

        @Override
        protected boolean isUIThread(Thread thread) {
            return true;
        }

        @Override
        protected void showBusyWhile(Runnable runnable) {
            runnable.run();
        }

        @Override
        protected boolean dispatchEvents() {
            return false;
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void tasksWaitForTheWindowThenRunInOrder() {
        Queue ui = new Queue();
        FirstPaint firstPaint = new FirstPaint(null, ui, List.of());
        List<String> done = new ArrayList<>();
        firstPaint.later(() -> done.add("contacts"));
        firstPaint.later(() -> done.add("dialpad"));
        assertTrue(ui.queued.isEmpty(), "nothing reaches the UI thread before the window is up");

        firstPaint.windowShown(null);
        ui.runAll();
        assertEquals(List.of("contacts", "dialpad"), done);
    }

    @Test
    void aTaskHandedOverOnceTheWindowIsUpRunsSoon() {
        Queue ui = new Queue();
        FirstPaint firstPaint = new FirstPaint(null, ui, List.of());
        firstPaint.windowShown(null);
        ui.runAll();
        List<String> done = new ArrayList<>();
        firstPaint.later(() -> done.add("late"));
        assertEquals(1, ui.queued.size(), "queued on the UI thread, not run inside the caller");
        ui.runAll();
        assertEquals(List.of("late"), done);

        firstPaint.windowShown(null);
        assertTrue(ui.queued.isEmpty(), "a second start-up event changes nothing");
    }

    @Test
    void withoutFirstPaintATaskRunsAtOnce() {
        List<String> done = new ArrayList<>();
        FirstPaint.later(null, () -> done.add("now"));
        assertEquals(List.of("now"), done);
    }
}
