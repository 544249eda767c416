package dev.switchboard.codec.ilbc.internal;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;

/**
 * iLBC (RFC 3951), narrowband speech at 13.33 kbit/s in 30 ms frames, built to survive packet loss: every
 * frame decodes on its own. RTP name {@code iLBC/8000} with a dynamic payload type; we offer
 * {@code mode=30}, RFC 3952's default. The encoder also makes 20 ms frames when given 160 samples, and the
 * decoder takes either mode by payload length. Preferred below G.711 and G.722, whose quality is higher
 * when the bandwidth is there.
 */
@Component(service = AudioCodec.class, property = AudioCodec.PREFERENCE + ":Integer=" + IlbcCodec.PREFERENCE)
public class IlbcCodec implements AudioCodec {

    static final int PREFERENCE = 5;
    static final int DEFAULT_MILLIS = 30;

    private static final CodecInfo INFO = new CodecInfo("iLBC", 8000, 8000, 1, CodecInfo.DYNAMIC, DEFAULT_MILLIS,
            "mode=" + DEFAULT_MILLIS);

    @Override
    public CodecInfo info() {
        return INFO;
    }

    @Override
    public Encoder newEncoder() {
        return new IlbcEncoder();
    }

    /** RFC 3952 section 5: a receiver's {@code mode=20} asks for 20 ms frames; anything else means 30. */
    @Override
    public int frameMillis(String peerFmtp) {
        for (String parameter : peerFmtp.split(";")) {
            if (parameter.strip().equalsIgnoreCase("mode=20")) {
                return IlbcMode.MODE_20.millis;
            }
        }
        return DEFAULT_MILLIS;
    }

    @Override
    public Decoder newDecoder() {
        return new IlbcDecoder(DEFAULT_MILLIS);
    }
}
