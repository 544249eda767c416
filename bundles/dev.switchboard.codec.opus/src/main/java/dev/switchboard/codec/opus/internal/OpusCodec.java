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
 * codec: full-band speech at half G.711's rate, with FEC and its own concealment.
 */
@Component(service = { AudioCodec.class, OggOpusFiles.class },
        property = AudioCodec.PREFERENCE + ":Integer=" + OpusCodec.PREFERENCE)
public class OpusCodec implements AudioCodec, OggOpusFiles {

    static final int PREFERENCE = 300;
    static final int SAMPLE_RATE = 48_000;
    static final int RTP_CHANNELS = 2;

    private static final Logger LOG = System.getLogger(OpusCodec.class.getName());
    private static final CodecInfo INFO = new CodecInfo("opus", SAMPLE_RATE, SAMPLE_RATE, RTP_CHANNELS, CodecInfo.DYNAMIC, 20,
            "useinbandfec=1");

    private final OpusBackend backend;

    @Activate
    public OpusCodec() {
        this(OpusBackends.choose());
    }

    private OpusCodec(OpusBackends.Choice choice) {
        this.backend = choice.backend();
        LOG.log(Level.INFO, choice.explanation());
    }

    /** For tests and benchmarks that pick the implementation themselves. */
    OpusCodec(OpusBackend backend) {
        this.backend = backend;
    }

    OpusBackend backend() {
        return backend;
    }

    @Override
    public CodecInfo info() {
        return INFO;
    }

    @Override
    public Encoder newEncoder() {
        return backend.newEncoder(SAMPLE_RATE, RTP_CHANNELS, OpusEncoderSettings.VOICE);
    }

    @Override
    public Decoder newDecoder() {
        return backend.newDecoder(RTP_CHANNELS);
    }

    @Override
    public void write(Path file, int sampleRate, int channels, short[] pcm) throws IOException {
        new OggOpus(backend, OpusEncoderSettings.VOICE).write(file, sampleRate, channels, pcm);
    }

    @Override
    public DecodedAudio read(Path file) throws IOException {
        return new OggOpus(backend, OpusEncoderSettings.VOICE).read(file);
    }
}
