package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.MediaFormat;
import dev.switchboard.media.session.MediaSessionFactory;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;
import dev.switchboard.media.session.RtpMediaSession;

/**
 * Benchmark, not a CI test (the name matches neither *Test nor *IT; scripts/bench-iax2.sh runs it
 * with -Dtest): CPU per active µ-law call, IAX2 against the same call's media over RTP (what a SIP
 * call carries once set up), in one JVM and one run. Each call is two legs in this JVM (caller and
 * callee, null devices, the media engine's real G.711 codec, jitter buffer and pacing); the process
 * CPU time over a steady interval, less the idle rate measured first, is divided by the calls.
 */
class Iax2CallCpuBenchmark {
    private static final int CALLS = Integer.getInteger("bench.calls", 20);
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));

    private static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(Iax2CallCpuBenchmark.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(10_000);
        assertTrue(service != null, "no " + type.getSimpleName() + " service");
        return service;
    }

    private static ProtocolProvider iax2() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(Iax2CallCpuBenchmark.class).getBundleContext();
        ServiceTracker<ProtocolProvider, ProtocolProvider> tracker = new ServiceTracker<>(context,
                ProtocolProvider.class, null);
        tracker.open();
        tracker.waitForService(10_000);
        for (ProtocolProvider provider : tracker.getServices(new ProtocolProvider[0])) {
            if (provider.protocol().equals("iax2")) {
                return provider;
            }
        }
        throw new AssertionError("no iax2 provider");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Process CPU as a share of one core over {@link #MEASURE} (blocking that long: the measurement itself). */
    private static double cpuShare() throws InterruptedException {
        long cpuBefore = processCpuNanos();
        long wallBefore = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(MEASURE.toNanos());
        return (double) (processCpuNanos() - cpuBefore) / (System.nanoTime() - wallBefore);
    }

    @Test
    void cpuPerActiveMuLawCallIax2AgainstRtp() throws Exception {
        ProtocolProvider provider = iax2();
        MediaSessionFactory engine = service(MediaSessionFactory.class);
        double idle = cpuShare();

        Map<String, String> devices = Map.of("port", "0", "codecs", "PCMU", "audio.in", "null:", "audio.out", "null:");
        Recorders.Session bobEvents = new Recorders.Session();
        Iax2Session bob = (Iax2Session) provider.open(new Account("bob", "iax2", with(devices, "bob")), new char[0],
                bobEvents);
        Iax2Session alice = (Iax2Session) provider.open(new Account("alice", "iax2", with(devices, "alice")),
                new char[0], new Recorders.Session());
        double iax2;
        try {
            List<Recorders.Call> callers = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                Recorders.Call caller = new Recorders.Call();
                alice.dial("127.0.0.1:" + bob.localAddress().getPort() + "/" + i, caller);
                CallLeg incoming = bobEvents.incoming.poll(10, TimeUnit.SECONDS);
                incoming.answer();
                assertEquals(CallState.CONNECTED, caller.until(CallState.CONNECTED).getLast());
                callers.add(caller);
            }
            iax2 = cpuShare() - idle;
        } finally {
            alice.close();
            bob.close();
        }

        List<RtpMediaSession> sessions = new ArrayList<>();
        double rtp;
        try {
            MediaSessionOptions options = MediaSessionOptions.of(InetAddress.getLoopbackAddress(), "bench@127.0.0.1",
                    new AudioEndpoints("null:", "null:"));
            var pcmu = engine.offerable().stream().filter(codec -> codec.info().rtpmap().equals("PCMU/8000"))
                    .findFirst().orElseThrow();
            MediaFormat format = new MediaFormat(pcmu, 0, 20, MediaFormat.NO_TELEPHONE_EVENT);
            for (int i = 0; i < CALLS; i++) {
                RtpMediaSession a = engine.openRtp(options, new MediaSessionListener() {
                });
                RtpMediaSession b = engine.openRtp(options, new MediaSessionListener() {
                });
                sessions.add(a);
                sessions.add(b);
                a.format(format);
                b.format(format);
                a.remote(b.localRtpAddress(), b.localRtcpAddress());
                b.remote(a.localRtpAddress(), a.localRtcpAddress());
            }
            rtp = cpuShare() - idle;
        } finally {
            sessions.forEach(RtpMediaSession::close);
        }
        System.out.println(String.format(Locale.ROOT,
                "| CPU per active µ-law call (%d calls, both legs in one JVM, %d s) | IAX2 %.2f %% of a core | RTP %.2f %%"
                        + " of a core | IAX2/RTP %.2f× | idle JVM %.2f %% |",
                CALLS, MEASURE.toSeconds(), 100 * iax2 / CALLS, 100 * rtp / CALLS, iax2 / rtp, 100 * idle));
    }

    private static Map<String, String> with(Map<String, String> settings, String user) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("user", user);
        return all;
    }
}
