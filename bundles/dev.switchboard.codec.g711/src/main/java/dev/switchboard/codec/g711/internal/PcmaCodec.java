package dev.switchboard.codec.g711.internal;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.media.codec.AudioCodec;

/** G.711 A-law, RTP payload type 8 (RFC 3551). */
@Component(service = AudioCodec.class, property = AudioCodec.PREFERENCE + ":Integer=10")
public class PcmaCodec extends G711Codec {

    public PcmaCodec() {
        super("PCMA", 8);
    }

    @Override
    byte compress(short sample) {
        return G711.linearToALaw(sample);
    }

    @Override
    short expand(byte code) {
        return G711.aLawToLinear(code);
    }
}
