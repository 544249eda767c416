package dev.switchboard.codec.g722.internal;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;

/**
 * ITU-T G.722 at 64 kbit/s, wideband (16 kHz) audio. RFC 3551 gives it static payload type 9 with an
 * RTP clock of 8000 although it samples at 16 kHz, a historical mistake every implementation keeps.
 * Preferred over the narrowband codecs because it carries twice the audio bandwidth at the same bit
 * rate as G.711.
 */
@Component(service = AudioCodec.class, property = AudioCodec.PREFERENCE + ":Integer=" + G722Codec.PREFERENCE)
public class G722Codec implements AudioCodec {

    static final int PREFERENCE = 200;

    private static final CodecInfo INFO = new CodecInfo("G722", 8000, 16000, 1, 9, 20, "");

    @Override
    public CodecInfo info() {
        return INFO;
    }

    @Override
    public Encoder newEncoder() {
        return new G722Encoder();
    }

    @Override
    public Decoder newDecoder() {
        return new G722Decoder();
    }
}
