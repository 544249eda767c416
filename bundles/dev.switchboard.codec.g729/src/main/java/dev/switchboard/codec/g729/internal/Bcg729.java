package dev.switchboard.codec.g729.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.util.Optional;

/**
 * The system's libbcg729 (Belledonne's G.729 Annex A/B codec, bcg729/encoder.h and decoder.h),
 * bound through the FFM API. Channel contexts are closed by a {@link Cleaner} once their Java
 * encoder or decoder is unreachable, as the codec SPI has no close.
 */
final class Bcg729 {

    static final String DEFAULT_LIBRARY = "libbcg729.so.0";
    static final String LIBRARY_PROPERTY = "switchboard.g729.library";

    private static final Cleaner CLEANER = Cleaner.create();

    final MethodHandle initEncoder;
    final MethodHandle closeEncoder;
    final MethodHandle encode;
    final MethodHandle initDecoder;
    final MethodHandle closeDecoder;
    final MethodHandle decode;

    private Bcg729(SymbolLookup library) {
        Linker linker = Linker.nativeLinker();
        initEncoder = linker.downcallHandle(find(library, "initBcg729EncoderChannel"), FunctionDescriptor.of(ADDRESS, JAVA_BYTE));
        closeEncoder = linker.downcallHandle(find(library, "closeBcg729EncoderChannel"), FunctionDescriptor.ofVoid(ADDRESS));
        encode = linker.downcallHandle(find(library, "bcg729Encoder"), FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        initDecoder = linker.downcallHandle(find(library, "initBcg729DecoderChannel"), FunctionDescriptor.of(ADDRESS));
        closeDecoder = linker.downcallHandle(find(library, "closeBcg729DecoderChannel"), FunctionDescriptor.ofVoid(ADDRESS));
        decode = linker.downcallHandle(find(library, "bcg729Decoder"),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_BYTE, JAVA_BYTE, JAVA_BYTE, JAVA_BYTE, ADDRESS));
    }

    /** The functions bound: each must be in the library for it to count as there. */
    private static final String[] SYMBOLS = { "initBcg729EncoderChannel", "closeBcg729EncoderChannel", "bcg729Encoder",
        "initBcg729DecoderChannel", "closeBcg729DecoderChannel", "bcg729Decoder" };

    /**
     * Opens the library and checks that it has every function, without binding them: cheap enough for
     * start-up, where linking the downcalls (the FFM linker generates code for each) is not.
     *
     * @param name a name for the dynamic linker ({@code libbcg729.so.0}) or a path
     */
    static Optional<SymbolLookup> open(String name, StringBuilder whyNot) {
        try {
            // the global arena: once loaded, the library stays for the JVM's life, like any codec library
            SymbolLookup library = SymbolLookup.libraryLookup(name, Arena.global());
            for (String symbol : SYMBOLS) {
                find(library, symbol);
            }
            return Optional.of(library);
        } catch (IllegalArgumentException e) {
            whyNot.append(name).append(" not found (").append(e.getMessage()).append(')');
        } catch (RuntimeException e) {
            whyNot.append(name).append(" could not be opened: ").append(e);
        }
        return Optional.empty();
    }

    /**
     * Binds the library, or says why it cannot.
     *
     * @param name a name for the dynamic linker ({@code libbcg729.so.0}) or a path
     */
    static Optional<Bcg729> load(String name, StringBuilder whyNot) {
        Optional<SymbolLookup> library = open(name, whyNot);
        try {
            return library.map(Bcg729::new);
        } catch (RuntimeException e) {
            whyNot.append(name).append(" could not be bound: ").append(e);
        }
        return Optional.empty();
    }

    static String configuredLibrary() {
        return System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY);
    }

    private static MemorySegment find(SymbolLookup library, String symbol) {
        return library.find(symbol).orElseThrow(() -> new IllegalArgumentException("no symbol " + symbol));
    }

    /** Closes {@code context} with {@code close} once {@code owner} is unreachable, or when the result is cleaned. */
    static Cleaner.Cleanable closeWhenUnreachable(Object owner, MethodHandle close, MemorySegment context) {
        return CLEANER.register(owner, () -> {
            try {
                close.invokeExact(context);
            } catch (Throwable e) {
                throw new IllegalStateException("closing a bcg729 channel", e);
            }
        });
    }

    static MemorySegment checked(MemorySegment context, String what) {
        if (context.equals(MemorySegment.NULL)) {
            throw new IllegalStateException(what + " returned no channel (out of memory?)");
        }
        return context;
    }
}
