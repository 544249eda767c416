package dev.switchboard.ui.calls;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * System-wide key grabs on an X11 server through the system's libX11 (java.lang.foreign), on a
 * display connection of our own so that GTK's connection and its event loop are never touched.
 * Each key is grabbed on the root window with its modifiers plus every combination of Caps Lock
 * and Num Lock, because X matches a grab's modifiers exactly and the user does not think of
 * those locks as part of the shortcut. One thread reads the connection; it is the only thread
 * that uses the connection after {@link #open}, as Xlib requires without XInitThreads.
 * <p>
 * A held key repeats: the server sends KeyPress after KeyPress (and, unless XKB's detectable
 * auto-repeat is on, a KeyRelease before each). Detectable auto-repeat is switched on for this
 * connection, and a KeyPress of a key that has had no KeyRelease since its last KeyPress (less than
 * 1.5 s before) is a repeat and not reported, so holding a toggle (mute) toggles once.
 */
final class X11KeyGrab implements AutoCloseable {

    /** One key of a shortcut: its X keysym name ("a", "h", ...) and the modifier mask it needs. */
    record Key(int id, String keysymName, int modifiers) {
    }

    static final int SHIFT_MASK = 1;
    static final int CONTROL_MASK = 1 << 2;
    /** Alt is Mod1 on every common keymap. */
    static final int ALT_MASK = 1 << 3;
    private static final int LOCK_MASK = 1 << 1;
    /** Num Lock is Mod2 on every common keymap. */
    private static final int NUM_LOCK_MASK = 1 << 4;
    private static final int[] IGNORED_LOCKS = {0, LOCK_MASK, NUM_LOCK_MASK, LOCK_MASK | NUM_LOCK_MASK};
    /** The modifiers that tell shortcuts apart: Shift, Control, Mod1 (Alt), Mod4 (Super). */
    private static final int RELEVANT_MODIFIERS = SHIFT_MASK | CONTROL_MASK | ALT_MASK | (1 << 6);
    private static final int KEY_PRESS = 2;
    private static final int KEY_RELEASE = 3;
    private static final int GRAB_MODE_ASYNC = 1;
    private static final int BAD_ACCESS = 10;
    /** sizeof(XEvent) on LP64: a union padded to 24 longs. */
    private static final long XEVENT_SIZE = 24 * 8;
    /** Offsets in XKeyEvent on LP64 (type, serial, send_event, display, window, root, subwindow, time, x, y, x_root, y_root, state, keycode). */
    private static final long KEY_STATE_OFFSET = 80;
    private static final long KEY_CODE_OFFSET = 84;
    private static final long KEY_TIME_OFFSET = 56;
    /** Longer than any auto-repeat delay in use (X's default is 660 ms, desktops offer up to about 900 ms). */
    private static final long REPEAT_WINDOW_MILLIS = 1500;
    /** Offset of error_code in XErrorEvent on LP64. */
    private static final long ERROR_CODE_OFFSET = 32;
    private static final short POLLIN = 1;
    /** How often the reading thread looks whether it was asked to stop while no key comes. */
    private static final int STOP_CHECK_MILLIS = 200;

    private static final ValueLayout.OfLong XID = ValueLayout.JAVA_LONG;
    private static final ValueLayout ADDRESS = ValueLayout.ADDRESS;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;

    /** Freed by the collector once this grab is unreachable: the error upcall is uninstalled long before. */
    private final Arena arena = Arena.ofAuto();
    private final Linker linker = Linker.nativeLinker();
    private final MethodHandle xSync;
    private final MethodHandle xUngrabKey;
    private final MethodHandle xPending;
    private final MethodHandle xNextEvent;
    private final MethodHandle xCloseDisplay;
    private final MethodHandle poll;
    private final MemorySegment display;
    private final long root;
    private final int connection;
    private final List<int[]> grabbed = new ArrayList<>();
    private final Map<Integer, String> refused = new LinkedHashMap<>();
    /**
     * Server time (ms) of the last KeyPress of each key not released since: a further KeyPress of
     * one soon after is the server's auto-repeat. "Soon" because a release can go elsewhere (another
     * client grabbing the whole keyboard meanwhile): such a key must not stay "held" for good.
     */
    private final Map<Integer, Long> held = new HashMap<>();
    private final int[][] keys;
    private final MemorySegment ownErrorHandler;
    private volatile int lastErrorCode;
    private volatile MethodHandle previousHandlerCall;

    private final boolean detectableRepeat;
    private volatile boolean stopping;
    private Thread reader;

    private X11KeyGrab(SymbolLookup x11, MemorySegment display, List<Key> wanted) throws Throwable {
        this.display = display;
        xSync = handle(x11, "XSync", FunctionDescriptor.of(INT, ADDRESS, INT));
        xUngrabKey = handle(x11, "XUngrabKey", FunctionDescriptor.of(INT, ADDRESS, INT, INT, XID));
        xPending = handle(x11, "XPending", FunctionDescriptor.of(INT, ADDRESS));
        xNextEvent = handle(x11, "XNextEvent", FunctionDescriptor.of(INT, ADDRESS, ADDRESS));
        xCloseDisplay = handle(x11, "XCloseDisplay", FunctionDescriptor.of(INT, ADDRESS));
        poll = handle(linker.defaultLookup(), "poll", FunctionDescriptor.of(INT, ADDRESS, XID, INT));
        root = (long) handle(x11, "XDefaultRootWindow", FunctionDescriptor.of(XID, ADDRESS)).invokeExact(display);
        connection = (int) handle(x11, "XConnectionNumber", FunctionDescriptor.of(INT, ADDRESS)).invokeExact(display);
        MethodHandle stringToKeysym = handle(x11, "XStringToKeysym", FunctionDescriptor.of(XID, ADDRESS));
        MethodHandle keysymToKeycode = handle(x11, "XKeysymToKeycode", FunctionDescriptor.of(ValueLayout.JAVA_BYTE, ADDRESS, XID));
        MethodHandle grabKey = handle(x11, "XGrabKey", FunctionDescriptor.of(INT, ADDRESS, INT, INT, XID, INT, INT, INT));
        MethodHandle setErrorHandler = handle(x11, "XSetErrorHandler", FunctionDescriptor.of(ADDRESS, ADDRESS));
        FunctionDescriptor handlerType = FunctionDescriptor.of(INT, ADDRESS, ADDRESS);
        ownErrorHandler = linker.upcallStub(MethodHandles.lookup()
                .findVirtual(X11KeyGrab.class, "onError", MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class))
                .bindTo(this), handlerType, arena);

        keys = new int[wanted.size()][];
        // The error handler is process-wide (GTK has its own); ours is in place only while the grabs
        // are checked, and passes every error of another connection on to the one it replaced.
        MemorySegment previous = (MemorySegment) setErrorHandler.invokeExact(ownErrorHandler);
        previousHandlerCall = previous.equals(MemorySegment.NULL) ? null : linker.downcallHandle(previous, handlerType);
        try {
            for (int i = 0; i < wanted.size(); i++) {
                Key key = wanted.get(i);
                long keysym = (long) stringToKeysym.invokeExact(arena.allocateFrom(key.keysymName()));
                int keycode = Byte.toUnsignedInt((byte) keysymToKeycode.invokeExact(display, keysym));
                keys[i] = new int[] {key.id(), keycode, key.modifiers()};
                if (keycode == 0) {
                    refused.put(key.id(), "no key " + key.keysymName() + " on this keyboard");
                    continue;
                }
                boolean taken = false;
                for (int locks : IGNORED_LOCKS) {
                    lastErrorCode = 0;
                    int ignored = (int) grabKey.invokeExact(display, keycode, key.modifiers() | locks, root, 0,
                            GRAB_MODE_ASYNC, GRAB_MODE_ASYNC);
                    // the grab's error, if any, arrives once the server has answered everything sent so far
                    int synced = (int) xSync.invokeExact(display, 0);
                    if (lastErrorCode == BAD_ACCESS) {
                        taken = true;
                    } else if (lastErrorCode == 0) {
                        grabbed.add(new int[] {keycode, key.modifiers() | locks});
                    }
                }
                if (taken) {
                    refused.put(key.id(), "another application already owns it");
                }
            }
        } finally {
            MemorySegment ours = (MemorySegment) setErrorHandler.invokeExact(previous);
        }
        // without it each repeat would also bring a KeyRelease, and a held key could not be told from tapping
        MethodHandle detectableAutoRepeat = handle(x11, "XkbSetDetectableAutoRepeat",
                FunctionDescriptor.of(INT, ADDRESS, INT, ADDRESS));
        MemorySegment supported = arena.allocate(INT);
        int ignored = (int) detectableAutoRepeat.invokeExact(display, 1, supported);
        detectableRepeat = supported.get(INT, 0) != 0;
    }

    /** Whether the server tells repeats apart (XKB detectable auto-repeat): held keys then act once. */
    boolean detectableRepeat() {
        return detectableRepeat;
    }

    /**
     * Connects to the X server named by {@code DISPLAY} and grabs {@code wanted}. Fails with a
     * sentence when libX11 is missing or the server refuses the connection.
     */
    static X11KeyGrab open(List<Key> wanted) {
        SymbolLookup x11;
        try {
            x11 = SymbolLookup.libraryLookup("libX11.so.6", Arena.global());
        } catch (IllegalArgumentException missing) {
            throw new IllegalStateException("libX11 is not installed", missing);
        }
        MemorySegment display;
        try {
            display = (MemorySegment) handle(x11, "XOpenDisplay", FunctionDescriptor.of(ADDRESS, ADDRESS))
                    .invokeExact(MemorySegment.NULL);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot call libX11: " + e, e);
        }
        if (display.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("cannot connect to the X server " + System.getenv("DISPLAY"));
        }
        try {
            return new X11KeyGrab(x11, display, wanted);
        } catch (Throwable e) {
            try {
                int closed = (int) handle(x11, "XCloseDisplay", FunctionDescriptor.of(INT, ADDRESS)).invokeExact(display);
            } catch (Throwable notClosed) {
                e.addSuppressed(notClosed);
            }
            throw new IllegalStateException("cannot grab keys on the X server: " + e, e);
        }
    }

    /** Why some keys could not be grabbed, by the key's id (empty when all were). */
    Map<Integer, String> refused() {
        return Map.copyOf(refused);
    }

    /** Starts the thread that tells {@code pressed} the id of each grabbed key pressed. */
    void start(IntConsumer pressed) {
        reader = Thread.ofPlatform().daemon().name("switchboard-global-shortcuts").start(() -> read(pressed));
    }

    private void read(IntConsumer pressed) {
        MemorySegment event = arena.allocate(XEVENT_SIZE, 8);
        MemorySegment pollFd = arena.allocate(8, 4);
        pollFd.set(INT, 0, connection);
        pollFd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
        try {
            while (!stopping) {
                if ((int) xPending.invokeExact(display) == 0) {
                    pollFd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
                    int ready = (int) poll.invokeExact(pollFd, 1L, STOP_CHECK_MILLIS);
                    if (ready <= 0) {
                        continue;
                    }
                    if ((int) xPending.invokeExact(display) == 0) {
                        continue;
                    }
                }
                int ignored = (int) xNextEvent.invokeExact(display, event);
                int type = event.get(INT, 0);
                int keycode = event.get(INT, KEY_CODE_OFFSET);
                if (type == KEY_RELEASE) {
                    held.remove(keycode);
                } else if (type == KEY_PRESS && !repeated(keycode, event.get(ValueLayout.JAVA_LONG, KEY_TIME_OFFSET))) {
                    int state = event.get(INT, KEY_STATE_OFFSET) & RELEVANT_MODIFIERS;
                    for (int[] key : keys) {
                        if (key[1] == keycode && key[2] == state) {
                            pressed.accept(key[0]);
                        }
                    }
                }
            }
        } catch (Throwable e) {
            System.getLogger(X11KeyGrab.class.getName()).log(System.Logger.Level.WARNING,
                    "global shortcuts stopped: " + e, e);
        } finally {
            release();
        }
    }

    /** Whether this KeyPress repeats a press of the same key that was not released; remembers it either way. */
    private boolean repeated(int keycode, long time) {
        Long previous = held.put(keycode, time);
        return previous != null && Long.compareUnsigned(time - previous, REPEAT_WINDOW_MILLIS) < 0;
    }

    /** Called by Xlib, on whichever thread met the error, with the error of any connection. */
    private int onError(MemorySegment errorDisplay, MemorySegment error) {
        if (errorDisplay.address() == display.address()) {
            lastErrorCode = Byte.toUnsignedInt(error.reinterpret(40).get(ValueLayout.JAVA_BYTE, ERROR_CODE_OFFSET));
            return 0;
        }
        MethodHandle previous = previousHandlerCall;
        if (previous == null) {
            return 0;
        }
        try {
            return (int) previous.invokeExact(errorDisplay, error);
        } catch (Throwable e) {
            return 0;
        }
    }

    private void release() {
        try {
            for (int[] grab : grabbed) {
                int ignored = (int) xUngrabKey.invokeExact(display, grab[0], grab[1], root);
            }
            int closed = (int) xCloseDisplay.invokeExact(display);
        } catch (Throwable e) {
            System.getLogger(X11KeyGrab.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot release the global shortcuts: " + e, e);
        }
    }

    /** Stops the reading thread, which releases the keys and closes the connection, and waits for it. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        if (reader != null) {
            reader.join();
        } else {
            release();
        }
    }

    private static MethodHandle handle(SymbolLookup library, String name, FunctionDescriptor descriptor) {
        return Linker.nativeLinker().downcallHandle(library.find(name)
                .orElseThrow(() -> new IllegalStateException("libX11 has no " + name)), descriptor);
    }
}
