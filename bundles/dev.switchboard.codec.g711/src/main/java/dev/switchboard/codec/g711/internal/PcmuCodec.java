package dev.switchboard.codec.g711.internal;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.media.codec.AudioCodec;

/** G.711 µ-law, RTP payload type 0 (RFC 3551). Offered after the wideband codecs. */
@Component(service = AudioCodec.class, property = AudioCodec.PREFERENCE + ":Integer=20")
public class PcmuCodec extends G711Codec {

    public PcmuCodec() {
        super("PCMU", 0);
    }

    @Override
    byte compress(short sample) {
        return G711.linearToMuLaw(sample);
    }

    @Override
    short expand(byte code) {
        return G711.muLawToLinear(code);
    }
}
