package dev.switchboard.media.internal.pipeline;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.switchboard.codec.g711.internal.PcmuCodec;
import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.Encoder;
import dev.switchboard.media.internal.jitter.DefaultJitterBufferFactory;
import dev.switchboard.media.internal.rtp.DefaultRtpSessionFactory;
import dev.switchboard.media.jitter.JitterBuffer;
import dev.switchboard.media.rtp.RtpSession;
import dev.switchboard.media.rtp.RtpSessionOptions;

/**
 * One frame of a call's RTP hot path, as a media session runs it: PCMU-encode 20 ms, send it as RTP on
 * 127.0.0.1, the peer session's receive thread validates it and puts it into its jitter buffer, and the
 * playout side pulls (decodes) 20 ms. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the
 * bytes allocated per frame by all threads, the receive thread included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RtpHotPathBenchmark {

    private static final int FRAME = 160;

    private RtpSession sender;
    private RtpSession receiver;
    private JitterBuffer jitter;
    private Encoder encoder;
    private final short[] pcm = new short[FRAME];
    private final short[] played = new short[FRAME];
    private final byte[] payload = new byte[FRAME];

    @Setup(Level.Trial)
    public void open() throws Exception {
        AudioCodec pcmu = new PcmuCodec();
        encoder = pcmu.newEncoder();
        jitter = new DefaultJitterBufferFactory().create(pcmu.info(), pcmu.newDecoder(), System::nanoTime);
        DefaultRtpSessionFactory factory = new DefaultRtpSessionFactory();
        RtpSessionOptions options = RtpSessionOptions.of(InetAddress.getLoopbackAddress(), 8000, "bench@127.0.0.1");
        receiver = factory.open(options, jitter::put);
        sender = factory.open(options, packet -> {
        });
        sender.remote(receiver.localRtpAddress(), receiver.localRtcpAddress());
        receiver.remote(sender.localRtpAddress(), sender.localRtcpAddress());
        for (int i = 0; i < FRAME; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000));
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        sender.close();
        receiver.close();
    }

    @Benchmark
    public short frame() {
        int length = encoder.encode(pcm, 0, FRAME, payload, 0);
        sender.send(0, payload, 0, length, FRAME, false);
        jitter.pull(played, 0, FRAME);
        return played[FRAME - 1];
    }
}
