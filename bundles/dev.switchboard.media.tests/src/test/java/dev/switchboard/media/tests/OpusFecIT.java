package dev.switchboard.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;
import dev.switchboard.media.internal.audio.Resampler;
import dev.switchboard.media.internal.jitter.MonoJitterBuffers;
import dev.switchboard.media.jitter.JitterBuffer;
import dev.switchboard.media.jitter.JitterBufferFactory;
import dev.switchboard.media.jitter.JitterStatistics;
import dev.switchboard.media.session.MediaSessionFactory;
import dev.switchboard.testing.audio.SpeechQuality;

/**
 * The installed Opus codec (libopus when the system has it, as in CI) through the engine's jitter
 * buffer, on a simulated network with a seeded loss and jitter trace (10 % loss, 0-40 ms uniform
 * jitter) and a simulated clock, so it runs in well under real time and the same way every time. Run
 * once with the codec's in-band FEC used by the jitter buffer and once with it hidden: the lost
 * packets whose successor has arrived are rebuilt from FEC, and the played speech is measurably better.
 */
class OpusFecIT {

    private static final Path SPEECH = Path.of(System.getProperty("switchboard.speech", "../shared/peers/audio/speech8k.wav"));
    private static final int RATE = 48_000;
    private static final int FRAME = RATE / 50;
    private static final long FRAME_NANOS = 20_000_000L;
    private static final double LOSS = 0.10;
    private static final long MAX_JITTER_NANOS = 40_000_000L;

    private record Arrival(long nanos, int index) {
    }

    private record Played(short[] pcm, JitterStatistics statistics) {
    }

    @Test
    void lostPacketsAreRebuiltFromTheNextPacketsFec() throws Exception {
        AudioCodec opus = MediaServices.service(MediaSessionFactory.class).offerable().stream()
                .filter(codec -> codec.info().encodingName().equalsIgnoreCase("opus")).findFirst()
                .orElseThrow(() -> new AssertionError("opus is not installed"));
        byte[][] packets = encode(opus, capture(SPEECH.toString(), RATE));

        Random trace = new Random(20261124);
        boolean[] lost = new boolean[packets.length];
        List<Arrival> arrivals = new ArrayList<>();
        List<Arrival> allArrive = new ArrayList<>();
        for (int i = 0; i < packets.length; i++) {
            lost[i] = i > 0 && trace.nextDouble() < LOSS; // the first packet starts the stream
            Arrival arrival = new Arrival(i * FRAME_NANOS + (long) (trace.nextDouble() * MAX_JITTER_NANOS), i);
            allArrive.add(arrival);
            if (!lost[i]) {
                arrivals.add(arrival);
            }
        }
        int lostCount = 0;
        int recoverable = 0;
        for (int i = 0; i + 1 < packets.length; i++) {
            lostCount += lost[i] ? 1 : 0;
            recoverable += lost[i] && !lost[i + 1] ? 1 : 0;
        }

        JitterBufferFactory factory = MediaServices.service(JitterBufferFactory.class);
        long[] clock = {0};
        Played withFec = play(MonoJitterBuffers.create(opus, factory, () -> clock[0]), clock, packets, arrivals);
        Played without = play(MonoJitterBuffers.create(withoutFec(opus), factory, () -> clock[0]), clock, packets, arrivals);

        JitterStatistics fec = withFec.statistics();
        assertEquals(0, without.statistics().recoveredFrames(), "nothing recovered with the FEC hidden");
        assertTrue(fec.recoveredFrames() > 0 && fec.recoveredFrames() <= recoverable,
                fec.recoveredFrames() + " recovered of " + recoverable + " lost packets whose successor arrived: " + fec);
        // the next packet is there for a lost one when it came early enough in the jitter: about half the time
        assertTrue(fec.recoveredFrames() >= recoverable / 4, fec + " for " + recoverable + " recoverable of " + lostCount + " lost");

        // Opus does not keep the waveform (SNR against the source is a few dB): judged against the same
        // stream played without loss instead
        Played lossless = play(MonoJitterBuffers.create(opus, factory, () -> clock[0]), clock, packets, allArrive);
        short[] reference = to8k(lossless.pcm());
        SpeechQuality.SegmentalSnr snrWithFec = SpeechQuality.segmentalSnr(reference, to8k(withFec.pcm()), 8000, 800, 400);
        SpeechQuality.SegmentalSnr snrWithout = SpeechQuality.segmentalSnr(reference, to8k(without.pcm()), 8000, 800, 400);
        System.out.printf("OpusFecIT: %d of %d packets lost, %d with their successor arrived; FEC recovered %d; "
                + "with FEC %s; without %s%n", lostCount, packets.length, recoverable, fec.recoveredFrames(), snrWithFec,
                snrWithout);
        // measured: 13 % of the speech blocks below 10 dB with FEC, 22 % without (the lost frames)
        assertTrue(snrWithFec.badShare() < 0.75 * snrWithout.badShare(),
                "fewer bad speech blocks with FEC: " + snrWithFec + " against " + snrWithout);
    }

    /** The codec with a decoder that has no FEC, as a codec without it would be. */
    private static AudioCodec withoutFec(AudioCodec codec) {
        return new AudioCodec() {
            @Override
            public CodecInfo info() {
                return codec.info();
            }

            @Override
            public Encoder newEncoder() {
                return codec.newEncoder();
            }

            @Override
            public Decoder newDecoder() {
                Decoder decoder = codec.newDecoder();
                return new Decoder() {
                    @Override
                    public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
                        return decoder.decode(payload, offset, length, pcm, pcmOffset);
                    }

                    @Override
                    public int conceal(short[] pcm, int pcmOffset, int samples) {
                        return decoder.conceal(pcm, pcmOffset, samples);
                    }

                    @Override
                    public void reset() {
                        decoder.reset();
                    }
                };
            }
        };
    }

    private static byte[][] encode(AudioCodec opus, short[] mono) {
        Encoder encoder = opus.newEncoder();
        int channels = opus.info().channels();
        short[] interleaved = new short[FRAME * channels];
        byte[] out = new byte[4000];
        byte[][] packets = new byte[mono.length / FRAME][];
        for (int p = 0; p < packets.length; p++) {
            for (int i = 0; i < FRAME; i++) {
                Arrays.fill(interleaved, i * channels, (i + 1) * channels, mono[p * FRAME + i]);
            }
            packets[p] = Arrays.copyOf(out, encoder.encode(interleaved, 0, interleaved.length, out, 0));
        }
        return packets;
    }

    /** Puts each packet in at its arrival time and pulls 20 ms every 20 ms, until 200 ms after the last one. */
    private static Played play(JitterBuffer buffer, long[] clock, byte[][] packets, List<Arrival> arrivals) {
        PriorityQueue<Arrival> network = new PriorityQueue<>((a, b) -> Long.compare(a.nanos(), b.nanos()));
        network.addAll(arrivals);
        int pulls = packets.length + 10;
        short[] played = new short[pulls * FRAME];
        for (int pull = 0; pull < pulls; pull++) {
            long now = pull * FRAME_NANOS + 1;
            while (!network.isEmpty() && network.peek().nanos() <= now) {
                Arrival arrival = network.poll();
                clock[0] = arrival.nanos();
                byte[] payload = packets[arrival.index()];
                buffer.put(arrival.index() & 0xffff, arrival.index() * (long) FRAME, arrival.index() == 0, payload, 0,
                        payload.length);
            }
            clock[0] = now;
            buffer.pull(played, pull * FRAME, FRAME);
        }
        return new Played(played, buffer.statistics());
    }

    private static short[] to8k(short[] pcm48k) {
        Resampler resampler = new Resampler(RATE, 8000);
        short[] out = new short[resampler.maxOutput(pcm48k.length) + 1];
        int produced = resampler.process(pcm48k, 0, pcm48k.length, out, 0);
        return Arrays.copyOf(out, produced);
    }

    private static short[] capture(String file, int rate) throws Exception {
        try (CaptureStream stream = MediaServices.service(AudioDevices.class).openCapture("file:" + file, rate, rate / 50)) {
            List<short[]> frames = new ArrayList<>();
            short[] frame = new short[rate / 50];
            int read;
            while ((read = stream.read(frame, 0, frame.length)) > 0) {
                frames.add(Arrays.copyOf(frame, read));
            }
            short[] all = new short[frames.stream().mapToInt(f -> f.length).sum()];
            int at = 0;
            for (short[] f : frames) {
                System.arraycopy(f, 0, all, at, f.length);
                at += f.length;
            }
            return all;
        }
    }
}
