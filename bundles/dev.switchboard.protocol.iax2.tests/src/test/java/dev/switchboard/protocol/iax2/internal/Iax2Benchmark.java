package dev.switchboard.protocol.iax2.internal;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the IAX2 stack on this machine, run by scripts/bench-iax2.sh (not part of CI):
 * (1) the frame codec alone: decode + encode of every frame of the 18 captures, frames/s on one
 * thread; (2) the transport: µ-law mini frames (160 bytes) sent over loopback UDP as fast as one
 * thread can, received, routed and delivered to a call's dialog by the endpoint's threads, frames/s
 * delivered, compared with the 50 frames/s one call needs.
 */
public final class Iax2Benchmark {

    public static void main(String[] args) throws Exception {
        codec();
        transport();
    }

    private static void codec() {
        List<byte[]> datagrams = FrameCodecTest.CAPTURES.stream()
                .flatMap(capture -> CaptureFile.read(capture).stream()).map(CaptureFile.CapturedFrame::datagram).toList();
        long checksum = 0;
        for (int warm = 0; warm < 2_000; warm++) {
            for (byte[] datagram : datagrams) {
                checksum += FrameCodec.encode(FrameCodec.decode(datagram, 0, datagram.length)).length;
            }
        }
        long frames = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 3_000_000_000L) {
            for (byte[] datagram : datagrams) {
                checksum += FrameCodec.encode(FrameCodec.decode(datagram, 0, datagram.length)).length;
            }
            frames += datagrams.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("codec: %.0f frames/s decoded and re-encoded on one thread (%d distinct captured frames, checksum %d)%n",
                frames / seconds, datagrams.size(), checksum % 1000);
    }

    private static void transport() throws Exception {
        AtomicLong delivered = new AtomicLong();
        DialogHandler counter = new DialogHandler() {
            @Override
            public boolean frame(Dialog dialog, FullFrame frame) {
                return false;
            }

            @Override
            public void voice(Dialog dialog, long timestamp, byte[] payload) {
                delivered.incrementAndGet();
            }

            @Override
            public void failed(Dialog dialog, String reason) {
            }
        };
        try (Iax2Endpoint endpoint = new Iax2Endpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                "bench", (dialog, frame) -> counter);
                DatagramSocket sender = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress target = endpoint.localAddress();
            // a call set up the usual way: the peer's NEW opens the dialog, its mini frames follow
            byte[] newFrame = FrameCodec.encode(FullFrame.of(77, 0, 0, 0, 0, FrameType.IAX, IaxCommand.NEW, new byte[0]));
            sender.send(new DatagramPacket(newFrame, newFrame.length, target));
            byte[] mini = FrameCodec.encode(new MiniFrame(77, 40, new byte[160]));
            Thread.sleep(200); // let the NEW open the call before the voice starts
            long sent = 0;
            long start = System.nanoTime();
            long deliveredAtStart = delivered.get();
            DatagramPacket packet = new DatagramPacket(mini, mini.length, target);
            while (System.nanoTime() - start < 5_000_000_000L) {
                sender.send(packet);
                sent++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long got = delivered.get() - deliveredAtStart;
            System.out.printf("transport: %.0f mini frames/s delivered to the call (%.0f/s sent, %.1f %% lost on loopback),"
                    + " %.0f calls' worth of voice at 50 frames/s%n", got / seconds, sent / seconds,
                    100.0 * (sent - got) / sent, got / seconds / 50);
        }
    }
}
