package dev.switchboard.codec.opus.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import dev.switchboard.codec.opus.OggOpusFiles;
import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;

/**
 * Opus (RFC 6716) on RTP (RFC 7587): {@code opus/48000/2} on a dynamic payload type. The rtpmap
 * always names two channels; what is coded is mono unless the peer asks for stereo, so the encoder
 * takes interleaved stereo PCM and puts one channel on the wire, and the decoder gives stereo from
 * either. In-band FEC is on and announced ({@code useinbandfec=1}). Preferred over every other
 * codec: full-band speech at half G.711's rate, with FEC and its own concealment. Immediate, so the
 * back end is chosen and logged once per start rather than whenever the last user lets go; it is
 * chosen on the first stream, not at activation, as binding libopus (the FFM linker generates code
 * for each function) would otherwise sit on the desktop's start path.
 * <p>
 * Discontinuous transmission is off unless configured ({@code dtx=true} in this component's
 * configuration): then the encoder stops sending while the microphone only hears background (libopus
 * codes such frames in at most 2 bytes, RFC 7587 section 3.1.3, which the engine-facing encoder turns into
 * "nothing to send"), and {@code usedtx=1} is announced so peers may do the same; the receiving
 * engine fills the pauses with comfort noise.
 */
@Component(immediate = true, service = { AudioCodec.class, OggOpusFiles.class },
        property = AudioCodec.PREFERENCE + ":Integer=" + OpusCodec.PREFERENCE)
public class OpusCodec implements AudioCodec, OggOpusFiles {

    static final int PREFERENCE = 300;
    static final int SAMPLE_RATE = 48_000;
    static final int RTP_CHANNELS = 2;

    private static final Logger LOG = System.getLogger(OpusCodec.class.getName());
    /** Opus DTX packets: a TOC byte and at most one more (RFC 7587 section 3.1.3). */
    static final int MAX_DTX_PACKET_BYTES = 2;

    /** The component's configuration. */
    public @interface Config {
        /** Discontinuous transmission on send (and {@code usedtx=1} in the offer). */
        boolean dtx() default false;
    }

    /** Null until the first stream, when the component chooses it (tests give theirs at construction). */
    private OpusBackend backend;
    private final boolean dtx;
    private final CodecInfo info;

    @Activate
    public OpusCodec(Config config) {
        this(null, config.dtx());
        OpusBackends.requested(); // a wrong property fails activation, as before the choice was lazy
    }

    /** For tests and benchmarks that pick the implementation themselves. */
    OpusCodec(OpusBackend backend) {
        this(backend, false);
    }

    OpusCodec(OpusBackend backend, boolean dtx) {
        this.backend = backend;
        this.dtx = dtx;
        this.info = new CodecInfo("opus", SAMPLE_RATE, SAMPLE_RATE, RTP_CHANNELS, CodecInfo.DYNAMIC, 20,
                dtx ? "useinbandfec=1;usedtx=1" : "useinbandfec=1");
    }

    synchronized OpusBackend backend() {
        if (backend == null) {
            OpusBackends.Choice choice = OpusBackends.choose();
            backend = choice.backend();
            LOG.log(Level.INFO, choice.explanation() + (dtx ? "; DTX on" : ""));
        }
        return backend;
    }

    @Override
    public CodecInfo info() {
        return info;
    }

    @Override
    public Encoder newEncoder() {
        return newEncoder(dtx);
    }

    /** DTX when configured, or when the peer asks for it ({@code usedtx=1}, RFC 7587 section 6.1). */
    @Override
    public Encoder newEncoder(String peerFmtp) {
        return newEncoder(dtx || parameter(peerFmtp, "usedtx").equals("1"));
    }

    /** A parameter's value in an fmtp line ({@code name=value;name=value}), {@code ""} when absent. */
    static String parameter(String fmtp, String name) {
        for (String pair : fmtp.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).strip().equalsIgnoreCase(name)) {
                return pair.substring(equals + 1).strip();
            }
        }
        return "";
    }

    private Encoder newEncoder(boolean dtx) {
        if (!dtx) {
            return backend().newEncoder(SAMPLE_RATE, RTP_CHANNELS, OpusEncoderSettings.VOICE);
        }
        return new DiscontinuousEncoder(backend().newEncoder(SAMPLE_RATE, RTP_CHANNELS, OpusEncoderSettings.VOICE.withDtx(true)));
    }

    /** An encoder with DTX whose pause packets are not sent: it reports them as 0 bytes, nothing to send. */
    private record DiscontinuousEncoder(OpusStreamEncoder encoder) implements Encoder {
        @Override
        public int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset) {
            int bytes = encoder.encode(pcm, offset, samples, out, outOffset);
            return bytes <= MAX_DTX_PACKET_BYTES ? 0 : bytes;
        }

        @Override
        public void reset() {
            encoder.reset();
        }
    }

    @Override
    public Decoder newDecoder() {
        return backend().newDecoder(RTP_CHANNELS);
    }

    @Override
    public void write(Path file, int sampleRate, int channels, short[] pcm) throws IOException {
        new OggOpus(backend(), OpusEncoderSettings.VOICE).write(file, sampleRate, channels, pcm);
    }

    @Override
    public DecodedAudio read(Path file) throws IOException {
        return new OggOpus(backend(), OpusEncoderSettings.VOICE).read(file);
    }
}
