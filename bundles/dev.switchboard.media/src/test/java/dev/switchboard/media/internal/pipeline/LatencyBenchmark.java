package dev.switchboard.media.internal.pipeline;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDeviceInfo;
import dev.switchboard.media.audio.AudioDeviceListener;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.audio.PlaybackStream;
import dev.switchboard.media.internal.jitter.DefaultJitterBufferFactory;
import dev.switchboard.media.internal.rtp.DefaultRtpSessionFactory;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.MediaFormat;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;

/**
 * The delay our own pipeline adds, mouth to ear minus the sound cards' buffers, at zero network jitter:
 * two RTP media sessions on 127.0.0.1, the sender's microphone a device that hands out a 20 ms frame
 * every 20 ms as a sound card does (blocking until the frame's last sample "was spoken"), with a click
 * once a second; the receiver's speaker notes when the frame with the click is written. A sample's
 * latency is when it would sound (write time + its place in the frame) minus when it was spoken
 * (frame complete time - its distance to the frame's end). It includes packetisation (one packet),
 * encoding, UDP on loopback, the jitter buffer's playout delay, decoding and the playout frame.
 * <p>
 * Run with {@code scripts/bench-latency.sh}; arguments: clicks (default 20), packet ms (default 20).
 */
public final class LatencyBenchmark {

    private static final int RATE = 8000;

    public static void main(String[] args) throws Exception {
        int clicks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int packetMillis = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        ClickDevices devices = new ClickDevices(packetMillis);
        DefaultRtpSessionFactory rtp = new DefaultRtpSessionFactory();
        DefaultJitterBufferFactory jitter = new DefaultJitterBufferFactory();
        MediaSessionListener quiet = new MediaSessionListener() {
        };
        InetAddress loopback = InetAddress.getLoopbackAddress();
        LinearCodec codec = new LinearCodec(RATE);
        try (RtpCallSession speaker = new RtpCallSession(devices, jitter, rtp, TonePlan.CEPT,
                MediaSessionOptions.of(loopback, "speaker@127.0.0.1", new AudioEndpoints("click:", "null:")), quiet);
                RtpCallSession listener = new RtpCallSession(devices, jitter, rtp, TonePlan.CEPT,
                        MediaSessionOptions.of(loopback, "listener@127.0.0.1", new AudioEndpoints("silence:", "ear:")),
                        quiet)) {
            speaker.remote(listener.localRtpAddress(), listener.localRtcpAddress());
            listener.remote(speaker.localRtpAddress(), speaker.localRtcpAddress());
            listener.format(new MediaFormat(codec, 96, packetMillis, -1));
            speaker.format(new MediaFormat(codec, 96, packetMillis, -1));
            List<Double> latencies = new ArrayList<>();
            long[] allocatedBefore = null;
            long framesBefore = 0;
            for (int i = 0; i < clicks + 2; i++) {
                if (i == 2) {
                    allocatedBefore = allocated();
                    framesBefore = listener.quality().packetsReceived();
                }
                Long spoken = devices.spoken.poll(5, TimeUnit.SECONDS);
                Long heard = devices.heard.poll(5, TimeUnit.SECONDS);
                if (spoken == null || heard == null) {
                    throw new IllegalStateException("click " + i + " lost");
                }
                if (i >= 2) { // the first two seconds let the jitter buffer settle
                    latencies.add((heard - spoken) / 1e6);
                }
            }
            long[] allocatedAfter = allocated();
            long frames = listener.quality().packetsReceived() - framesBefore;
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("pipeline latency, L16 8 kHz, %d ms packets, loopback, zero jitter, %d clicks: "
                    + "median %.1f ms, min %.1f, max %.1f; jitter buffer playout delay %.1f ms%n", packetMillis,
                    sorted.length, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1],
                    listener.quality().playoutDelayMillis());
            System.out.printf("allocation on the media and RTP receive threads over %d frames: %d bytes (%.1f per frame)%n",
                    frames, allocatedAfter[0] - allocatedBefore[0],
                    (double) (allocatedAfter[0] - allocatedBefore[0]) / frames);
        }
    }

    /** Bytes allocated so far by the sessions' media threads and RTP receive threads, summed. */
    private static long[] allocated() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                .getThreadMXBean();
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("media ") || thread.getName().startsWith("rtp-")) {
                total += threads.getThreadAllocatedBytes(thread.threadId());
            }
        }
        return new long[] { total };
    }

    /** A paced click microphone ({@code click:}) and an ear ({@code ear:}) that times the click. */
    private static final class ClickDevices implements AudioDevices {
        final BlockingQueue<Long> spoken = new LinkedBlockingQueue<>();
        final BlockingQueue<Long> heard = new LinkedBlockingQueue<>();
        private final int packetMillis;

        ClickDevices(int packetMillis) {
            this.packetMillis = packetMillis;
        }

        @Override
        public List<AudioDeviceInfo> devices() {
            return List.of();
        }

        @Override
        public CaptureStream openCapture(String deviceId, int sampleRate, int frameSamples) {
            boolean clicking = deviceId.equals("click:");
            return new CaptureStream() {
                private long due = System.nanoTime();
                private long position;

                @Override
                public int sampleRate() {
                    return sampleRate;
                }

                @Override
                public boolean paced() {
                    return true;
                }

                @Override
                public int read(short[] frame, int offset, int count) {
                    due += count * 1_000_000_000L / sampleRate;
                    while (due - System.nanoTime() > 0) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                    long completed = System.nanoTime();
                    Arrays.fill(frame, offset, offset + count, (short) 0);
                    for (int i = 0; i < count; i++) {
                        if (clicking && (position + i) % sampleRate == sampleRate / 2) {
                            frame[offset + i] = 20000;
                            spoken.add(completed - (count - i) * 1_000_000_000L / sampleRate);
                        }
                    }
                    position += count;
                    return count;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public PlaybackStream openPlayback(String deviceId, int sampleRate, int frameSamples) {
            boolean listening = deviceId.equals("ear:");
            return new PlaybackStream() {
                @Override
                public int sampleRate() {
                    return sampleRate;
                }

                @Override
                public void write(short[] frame, int offset, int samples) {
                    long written = System.nanoTime();
                    for (int i = 0; i < samples; i++) {
                        if (listening && frame[offset + i] > 10000) {
                            heard.add(written + i * 1_000_000_000L / sampleRate);
                        }
                    }
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public AutoCloseable watch(AudioDeviceListener listener) {
            return () -> {
            };
        }
    }

    private LatencyBenchmark() {
    }
}
