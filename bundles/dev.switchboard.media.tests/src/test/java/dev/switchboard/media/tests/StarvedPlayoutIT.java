package dev.switchboard.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.internal.Wav;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.MediaFormat;
import dev.switchboard.media.session.MediaSessionFactory;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;
import dev.switchboard.media.session.RtpMediaSession;
import dev.switchboard.testing.audio.SpeechQuality;
import dev.switchboard.testing.await.Poll;

/**
 * ffmpeg as the far end (its own RTP packetiser and its own clock, {@code -re}) sending to a media session that
 * plays into a WAV file, while this JVM is starved on purpose: two spinning threads per core and one allocating
 * as fast as it can (garbage-collection pauses). The media and RTP threads then wake late and in bursts; the
 * session must still play at the sender's rate (no samples dropped to chase a delay that scheduling made up) and
 * at the codec's quality. Before the media loop caught up after stalls and stamped its pulls with the frame
 * schedule, the same run played speech at 1-3 dB.
 */
class StarvedPlayoutIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Path SPEECH = Path.of(System.getProperty("switchboard.speech", "../shared/peers/audio/speech8k.wav"));
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final double TONE_HZ = 440;
    private static final int TONE_SECONDS = 3;

    @TempDir
    Path directory;

    /** The tone must keep its frequency: 1.4 % fast (446 Hz) was the symptom of a playout that kept dropping samples. */
    @Test
    void aToneFromFfmpegPlaysAtItsFrequencyWhileStarved() throws Exception {
        Path received = directory.resolve("tone.wav");
        try (Starvation starvation = new Starvation()) {
            receive("PCMU", 0, received, TONE_SECONDS * 50, List.of("-f", "lavfi", "-i",
                    "sine=frequency=" + TONE_HZ + ":sample_rate=8000:duration=" + TONE_SECONDS + ",asetnsamples=n=160",
                    "-c:a", "pcm_mulaw"));
        }
        short[] played = Wav.read(received).samples();
        int start = firstSound(played) + 8000 / 2;
        double[] frequencies = blockFrequencies(played, start, start + (TONE_SECONDS - 1) * 8000, 8000);
        double[] sorted = frequencies.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double[] off = Arrays.stream(frequencies).filter(f -> Math.abs(f - TONE_HZ) > TONE_HZ * 0.005).toArray();
        System.out.printf("starved playout of ffmpeg's %.0f Hz tone: median %.2f Hz over %d blocks of 100 ms, %d off by"
                + " more than 0.5 %% %s%n", TONE_HZ, median, frequencies.length, off.length, Arrays.toString(off));
        assertEquals(TONE_HZ, median, 0.5, "the tone's frequency as played");
        // a block in which the jitter buffer concealed a late packet or changed its delay once is off by a few per
        // cent (431.8 Hz seen); a starved machine makes a few such blocks (0-1 of 20 in ten runs here, 3 in one CI run),
        // a playout that keeps dropping samples moves the median instead
        assertTrue(off.length <= frequencies.length / 5,
                off.length + " of " + frequencies.length + " blocks off the tone's frequency: " + Arrays.toString(off));
    }

    /**
     * Speech as G.722: what we play is compared with ffmpeg's own encoding of the same input, decoded by our decoder
     * (bit-exact with ffmpeg's), so only the session's path counts: identical samples except where the jitter buffer
     * changed its delay or concealed.
     */
    @Test
    void speechFromFfmpegKeepsItsSamplesWhileStarved() throws Exception {
        Path received = directory.resolve("speech.wav");
        Path sent = directory.resolve("sent.g722");
        try (Starvation starvation = new Starvation()) {
            receive("G722", 9, received, (int) (5.4 * 50), List.of("-f", "lavfi", "-i",
                    "amovie=" + SPEECH.toAbsolutePath() + ",aresample=16000,asetnsamples=n=320", "-c:a", "g722"),
                    List.of("-f", "lavfi", "-i", "amovie=" + SPEECH.toAbsolutePath() + ",aresample=16000", "-c:a",
                            "g722", "-f", "g722", sent.toString()));
        }
        short[] reference = decode(codec("G722"), Files.readAllBytes(sent), 160, 320);
        short[] played = Wav.read(received).samples();
        SpeechQuality.SegmentalSnr snr = SpeechQuality.trackedSegmentalSnr(reference, played, 16000, 30);
        System.out.println("starved playout of ffmpeg's G.722 speech, against its own encoding: " + snr);
        // a block played as sent scores ~90 dB (exact samples, rounding of the decoder aside); a block in which the
        // jitter buffer stretched or shrank, or concealed a late packet, scores lower. ffmpeg is starved too and
        // sends in bursts, so the buffer has to adapt some
        assertTrue(snr.medianDb() > 60 && snr.badShare() < 0.2, "playout against what ffmpeg sent: " + snr);
    }

    /** Has ffmpeg stream to a session that plays into {@code received}; returns once the stream has played out. */
    @SafeVarargs
    private void receive(String codecName, int payloadType, Path received, int packets, List<String> input,
            List<String>... extraOutputs) throws Exception {
        AudioCodec codec = codec(codecName);
        try (RtpMediaSession session = MediaServices.service(MediaSessionFactory.class).openRtp(
                MediaSessionOptions.of(LOOPBACK, "starved@127.0.0.1", new AudioEndpoints("null:", "file:" + received)),
                new MediaSessionListener() {
                })) {
            session.format(new MediaFormat(codec, payloadType, 20, MediaFormat.NO_TELEPHONE_EVENT));
            List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                    "-y", "-re"));
            command.addAll(input);
            command.addAll(List.of("-f", "rtp",
                    "rtp://127.0.0.1:" + session.localRtpAddress().getPort() + "?pkt_size=" + (12 + 160)));
            for (List<String> output : extraOutputs) {
                // a second run without -re: the same encoding, written to a file as the reference
                List<String> file = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                        "-y"));
                file.addAll(output);
                run(file);
            }
            run(command);
            Poll.until(() -> session.quality().packetsReceived() >= packets - 1, TIMEOUT, packets + " packets from ffmpeg");
            // the jitter buffer holds the last packets for its delay; a second more of playout covers it
            long playedBytes = Files.size(received);
            Poll.until(() -> fileSize(received) >= playedBytes + 2 * codec.info().sampleRate(), TIMEOUT,
                    "a second more of playout");
            System.out.println("starved session's quality: " + session.quality());
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ffmpeg did not finish within " + TIMEOUT + ": " + command);
        }
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.exitValue(), "ffmpeg failed: " + command + "\n" + output);
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read the size of " + file, e);
        }
    }

    private static AudioCodec codec(String name) throws InterruptedException {
        return MediaServices.service(MediaSessionFactory.class).offerable().stream()
                .filter(codec -> codec.info().encodingName().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not installed"));
    }

    private static short[] decode(AudioCodec codec, byte[] stream, int bytesPerFrame, int samplesPerFrame) {
        Decoder decoder = codec.newDecoder();
        int frames = stream.length / bytesPerFrame;
        short[] pcm = new short[frames * samplesPerFrame];
        for (int i = 0; i < frames; i++) {
            decoder.decode(stream, i * bytesPerFrame, bytesPerFrame, pcm, i * samplesPerFrame);
        }
        return pcm;
    }

    private static int firstSound(short[] pcm) {
        for (int i = 0; i < pcm.length; i++) {
            if (Math.abs(pcm[i]) > 300) {
                return i;
            }
        }
        throw new AssertionError("nothing but silence was played");
    }

    /** The frequency of each 100 ms block from its zero crossings (interpolated between samples). */
    private static double[] blockFrequencies(short[] pcm, int from, int to, int rate) {
        int block = rate / 10;
        double[] frequencies = new double[(to - from) / block];
        for (int b = 0; b < frequencies.length; b++) {
            double first = -1;
            double last = -1;
            int crossings = 0;
            for (int i = from + b * block; i < from + (b + 1) * block; i++) {
                if (pcm[i] < 0 && pcm[i + 1] >= 0) {
                    double at = i + (double) -pcm[i] / (pcm[i + 1] - pcm[i]);
                    if (first < 0) {
                        first = at;
                    }
                    last = at;
                    crossings++;
                }
            }
            frequencies[b] = crossings < 2 ? 0 : (crossings - 1) * rate / (last - first);
        }
        return frequencies;
    }

    /** Two spinning threads per core and one allocating without pause, until closed. */
    private static final class Starvation implements AutoCloseable {
        private volatile boolean running = true;
        private final List<Thread> threads = new ArrayList<>();
        /** Keeps the spinning threads' work observable, so the JIT cannot remove it. */
        private volatile long sink;

        Starvation() {
            for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
                threads.add(Thread.ofPlatform().daemon().name("starving " + i).start(() -> {
                    long x = 0;
                    while (running) {
                        x += System.nanoTime() & 7;
                    }
                    sink = x;
                }));
            }
            threads.add(Thread.ofPlatform().daemon().name("allocating").start(() -> {
                List<byte[]> kept = new ArrayList<>();
                while (running) {
                    kept.add(new byte[64 * 1024]);
                    if (kept.size() > 1000) {
                        kept.clear();
                    }
                }
                sink = kept.size();
            }));
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
