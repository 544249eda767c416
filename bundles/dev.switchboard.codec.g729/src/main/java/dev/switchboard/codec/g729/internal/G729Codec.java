package dev.switchboard.codec.g729.internal;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;

/**
 * ITU-T G.729 Annex A at 8 kbit/s (RTP static payload type 18), by the system's libbcg729. Disabled
 * until {@link G729Availability} has found the library, so without it no G.729 is offered at all.
 * Our encoder sends no silence suppression ({@code annexb=no}); the decoder takes Annex B SID frames.
 * Offered last: it is the codec for links too thin for anything else, at clearly lower quality.
 */
@Component(name = G729Codec.NAME, enabled = false, service = AudioCodec.class,
        property = AudioCodec.PREFERENCE + ":Integer=" + G729Codec.PREFERENCE)
public class G729Codec implements AudioCodec {

    static final String NAME = "dev.switchboard.codec.g729";
    static final int PREFERENCE = 5;

    private static final CodecInfo INFO = new CodecInfo("G729", 8000, 8000, 1, 18, 20, "annexb=no");

    /**
     * Bound on the first stream, not at activation: the codec list is built at start, while a G.729
     * call is rare and binding costs the FFM linker's code generation. Null until then.
     */
    private Bcg729 library;

    public G729Codec() {
    }

    G729Codec(Bcg729 library) {
        this.library = library;
    }

    private static Bcg729 loadOrFail() {
        StringBuilder whyNot = new StringBuilder();
        return Bcg729.load(Bcg729.configuredLibrary(), whyNot).orElseThrow(() -> new IllegalStateException(whyNot.toString()));
    }

    synchronized Bcg729 library() {
        if (library == null) {
            library = loadOrFail();
        }
        return library;
    }

    @Override
    public CodecInfo info() {
        return INFO;
    }

    @Override
    public Encoder newEncoder() {
        return new G729Encoder(library(), false);
    }

    @Override
    public Decoder newDecoder() {
        return new G729Decoder(library());
    }
}
