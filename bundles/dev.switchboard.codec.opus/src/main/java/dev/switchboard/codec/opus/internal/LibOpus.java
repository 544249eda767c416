package dev.switchboard.codec.opus.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The system's libopus (opus.h of libopus 1.x), bound through the FFM API. Encoder and decoder
 * states live in memory the garbage collector frees ({@code opus_*_init} into an automatic arena),
 * so a stream needs no close, as the codec SPI has none.
 */
final class LibOpus implements OpusBackend {

    static final String DEFAULT_LIBRARY = "libopus.so.0";

    static final int OK = 0;
    static final int APPLICATION_VOIP = 2048;
    static final int SET_BITRATE = 4002;
    static final int SET_COMPLEXITY = 4010;
    static final int SET_INBAND_FEC = 4012;
    static final int SET_PACKET_LOSS_PERC = 4014;
    static final int SET_DTX = 4016;
    static final int SET_FORCE_CHANNELS = 4022;
    static final int SET_SIGNAL = 4024;
    static final int GET_LOOKAHEAD = 4027;
    static final int RESET_STATE = 4028;
    static final int SIGNAL_VOICE = 3001;

    final MethodHandle encoderGetSize;
    final MethodHandle encoderInit;
    final MethodHandle encode;
    final MethodHandle encoderCtlSet;
    final MethodHandle encoderCtlGet;
    final MethodHandle encoderCtl;
    final MethodHandle decoderGetSize;
    final MethodHandle decoderInit;
    final MethodHandle decode;
    final MethodHandle decoderCtl;
    private final String version;

    private LibOpus(SymbolLookup library) throws Throwable {
        Linker linker = Linker.nativeLinker();
        encoderGetSize = linker.downcallHandle(find(library, "opus_encoder_get_size"), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        encoderInit = linker.downcallHandle(find(library, "opus_encoder_init"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
        encode = linker.downcallHandle(find(library, "opus_encode"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
        // opus_encoder_ctl(st, request, ...) is variadic: one handle per argument shape used
        MemorySegment encoderCtlSymbol = find(library, "opus_encoder_ctl");
        encoderCtlSet = linker.downcallHandle(encoderCtlSymbol, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        encoderCtlGet = linker.downcallHandle(encoderCtlSymbol, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(2));
        encoderCtl = linker.downcallHandle(encoderCtlSymbol, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        decoderGetSize = linker.downcallHandle(find(library, "opus_decoder_get_size"), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        decoderInit = linker.downcallHandle(find(library, "opus_decoder_init"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        decode = linker.downcallHandle(find(library, "opus_decode"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        decoderCtl = linker.downcallHandle(find(library, "opus_decoder_ctl"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        MethodHandle versionString = linker.downcallHandle(find(library, "opus_get_version_string"), FunctionDescriptor.of(ADDRESS));
        version = ((MemorySegment) versionString.invokeExact()).reinterpret(256).getString(0);
    }

    /**
     * Binds the library, or says why it cannot.
     *
     * @param name a library name for the dynamic linker ({@code libopus.so.0}) or a path
     */
    static Optional<LibOpus> load(String name, StringBuilder whyNot) {
        try {
            // the global arena: the library stays loaded as long as the JVM runs, like any codec library
            return Optional.of(new LibOpus(SymbolLookup.libraryLookup(name, Arena.global())));
        } catch (IllegalArgumentException e) {
            whyNot.append(name).append(" not found (").append(e.getMessage()).append(')');
        } catch (Throwable e) {
            whyNot.append(name).append(" could not be bound: ").append(e);
        }
        return Optional.empty();
    }

    private static MemorySegment find(SymbolLookup library, String symbol) {
        return library.find(symbol).orElseThrow(() -> new IllegalArgumentException("no symbol " + symbol));
    }

    @Override
    public String description() {
        return version + " (system library through FFM)";
    }

    @Override
    public OpusStreamEncoder newEncoder(int sampleRate, int pcmChannels, OpusEncoderSettings settings) {
        return new LibOpusEncoder(this, sampleRate, pcmChannels, settings);
    }

    @Override
    public OpusStreamDecoder newDecoder(int pcmChannels) {
        return new LibOpusDecoder(this, pcmChannels);
    }

    static void check(int result, String what) {
        if (result < 0) {
            throw new IllegalStateException(what + " failed: libopus error " + result);
        }
    }
}
