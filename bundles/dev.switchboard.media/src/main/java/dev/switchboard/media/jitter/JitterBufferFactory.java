package dev.switchboard.media.jitter;

import java.util.function.LongSupplier;

import org.osgi.annotation.versioning.ProviderType;

import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;

/** Creates jitter buffers (an OSGi service of the media engine). */
@ProviderType
public interface JitterBufferFactory {

    /**
     * @param codec      the negotiated codec: its clock and sample rates and frame length
     * @param decoder    a decoder of its own for this buffer (decoders are not thread-safe)
     * @param nanoClock  monotonic time in nanoseconds, like {@link System#nanoTime()}
     */
    JitterBuffer create(CodecInfo codec, Decoder decoder, LongSupplier nanoClock);
}
