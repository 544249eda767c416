package dev.switchboard.media.internal.jitter;

import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.jitter.JitterBuffer;
import dev.switchboard.media.jitter.JitterBufferFactory;

/** Offers {@link AdaptiveJitterBuffer}s as the {@link JitterBufferFactory} service. */
@Component(service = JitterBufferFactory.class)
public class DefaultJitterBufferFactory implements JitterBufferFactory {

    @Override
    public JitterBuffer create(CodecInfo codec, Decoder decoder, LongSupplier nanoClock) {
        return new AdaptiveJitterBuffer(codec, decoder, nanoClock);
    }
}
