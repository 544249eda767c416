package dev.switchboard.codec.opus.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * Picks the Opus implementation: the system's libopus when it loads, Concentus otherwise. System
 * property {@value #BACKEND_PROPERTY} = {@code concentus} forces Concentus (tests run both that way),
 * {@code libopus} insists on the system library; {@value #LIBRARY_PROPERTY} names another libopus.
 */
final class OpusBackends {

    static final String BACKEND_PROPERTY = "switchboard.opus.backend";
    static final String LIBRARY_PROPERTY = "switchboard.opus.library";

    /** The implementation chosen and the sentence the log gets about it. */
    record Choice(OpusBackend backend, String explanation) {
    }

    private OpusBackends() {
    }

    static Choice choose() {
        return choose(System.getProperty(BACKEND_PROPERTY, "auto"), System.getProperty(LIBRARY_PROPERTY, LibOpus.DEFAULT_LIBRARY));
    }

    /** The back end {@value #BACKEND_PROPERTY} asks for, checked without binding anything. */
    static String requested() {
        return wanted(System.getProperty(BACKEND_PROPERTY, "auto"));
    }

    private static String wanted(String requested) {
        String wanted = requested.trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "auto", "libopus", "concentus" -> wanted;
            default -> throw new IllegalArgumentException(BACKEND_PROPERTY + " must be auto, libopus or concentus, not '"
                    + requested + "'");
        };
    }

    static Choice choose(String requested, String library) {
        String wanted = wanted(requested);
        if (wanted.equals("concentus")) {
            OpusBackend concentus = new ConcentusBackend();
            return new Choice(concentus, "Opus runs on " + concentus.description() + ", as " + BACKEND_PROPERTY + " asks");
        }
        StringBuilder whyNot = new StringBuilder();
        Optional<LibOpus> libOpus = LibOpus.load(library, whyNot);
        if (libOpus.isPresent()) {
            return new Choice(libOpus.get(), "Opus runs on " + libOpus.get().description());
        }
        if (wanted.equals("libopus")) {
            throw new IllegalStateException(BACKEND_PROPERTY + "=libopus but " + whyNot
                    + "; install libopus0 or drop the property");
        }
        OpusBackend concentus = new ConcentusBackend();
        return new Choice(concentus, "Opus runs on " + concentus.description() + ": " + whyNot
                + " (install libopus0 for the native codec)");
    }
}
