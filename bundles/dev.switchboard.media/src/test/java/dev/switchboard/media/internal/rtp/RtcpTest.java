package dev.switchboard.media.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class RtcpTest {
    private static final HexFormat HEX = HexFormat.of();

    private final List<String> seen = new ArrayList<>();
    private final Rtcp.Handler recorder = new Rtcp.Handler() {
        @Override
        public void senderReport(long ssrc, long ntp, long rtp, long packets, long octets) {
            seen.add("SR " + Long.toHexString(ssrc) + " ntp=" + Long.toHexString(ntp) + " rtp=" + rtp + " packets="
                    + packets + " octets=" + octets);
        }

        @Override
        public void reportBlock(long reporter, long source, int fraction, int lost, long highest, long jitter, long lsr,
                long dlsr) {
            seen.add("block " + Long.toHexString(reporter) + "->" + Long.toHexString(source) + " fraction=" + fraction
                    + " lost=" + lost + " highest=" + highest + " jitter=" + jitter + " lsr=" + Long.toHexString(lsr)
                    + " dlsr=" + Long.toHexString(dlsr));
        }

        @Override
        public void cname(long ssrc, String cname) {
            seen.add("cname " + Long.toHexString(ssrc) + " " + cname);
        }

        @Override
        public void bye(long ssrc) {
            seen.add("bye " + Long.toHexString(ssrc));
        }
    };

    @Test
    void writesACompoundSrSdesByeByteForByte() {
        byte[] out = new byte[256];
        Rtcp.ReportBlock[] blocks = {new Rtcp.ReportBlock(0x0b0b0b0bL, 56, -3, 65537, 12, 0xb7052000L, 0x00054000L)};
        int at = Rtcp.writeSenderReport(out, 0, 0xaaaaaaaaL, 0x0102030405060708L, 0xfffffff0L, 5, 800, blocks, 1);
        assertEquals(52, at);
        at = Rtcp.writeCname(out, at, 0xaaaaaaaaL, "ab".getBytes(StandardCharsets.US_ASCII));
        at = Rtcp.writeBye(out, at, 0xaaaaaaaaL);
        assertEquals("81c8000c" + "aaaaaaaa" + "01020304" + "05060708" + "fffffff0" + "00000005" + "00000320"
                + "0b0b0b0b" + "38fffffd" + "00010001" + "0000000c" + "b7052000" + "00054000"
                // SDES: one chunk, CNAME "ab", then null octets to the 32-bit boundary: 4 + 4 + 8 bytes
                + "81ca0003" + "aaaaaaaa" + "01026162" + "00000000"
                + "81cb0001" + "aaaaaaaa",
                HEX.formatHex(out, 0, at));
    }

    @Test
    void readsBackWhatItWrites() {
        byte[] out = new byte[256];
        Rtcp.ReportBlock[] blocks = {new Rtcp.ReportBlock(2, 56, -3, 65537, 12, 0xb7052000L, 0x00054000L)};
        int at = Rtcp.writeReceiverReport(out, 0, 1, blocks, 1);
        at = Rtcp.writeCname(out, at, 1, "user@127.0.0.1".getBytes(StandardCharsets.UTF_8));
        at = Rtcp.writeBye(out, at, 1);
        assertEquals(Rtcp.Defect.NONE, Rtcp.read(out, 0, at, recorder));
        assertEquals(List.of("block 1->2 fraction=56 lost=-3 highest=65537 jitter=12 lsr=b7052000 dlsr=54000",
                "cname 1 user@127.0.0.1", "bye 1"), seen);
    }

    @Test
    void readsAnSr() {
        byte[] out = new byte[64];
        int at = Rtcp.writeSenderReport(out, 0, 7, 0x0102030405060708L, 160, 5, 800, new Rtcp.ReportBlock[0], 0);
        assertEquals(Rtcp.Defect.NONE, Rtcp.read(out, 0, at, recorder));
        assertEquals(List.of("SR 7 ntp=102030405060708 rtp=160 packets=5 octets=800"), seen);
    }

    @Test
    void acceptsPaddingOnTheLastPacketAndSkipsUnknownTypes() {
        // RR with no blocks, APP (204) of 12 bytes, then an SDES padded by 4 bytes
        byte[] data = HEX.parseHex("80c90001" + "00000001" + "80cc0002" + "00000001" + "74657374"
                + "a1ca0003" + "00000001" + "01017800" + "00000004");
        assertEquals(Rtcp.Defect.NONE, Rtcp.read(data, 0, data.length, recorder));
        assertEquals(List.of("cname 1 x"), seen);
    }

    @Test
    void rejectsInvalidCompounds() {
        assertEquals(Rtcp.Defect.TOO_SHORT, read("80c90001"));
        assertEquals(Rtcp.Defect.WRONG_VERSION, read("40c90001" + "00000001"));
        assertEquals(Rtcp.Defect.NOT_A_REPORT_FIRST, read("81ca0001" + "00000001"));
        assertEquals(Rtcp.Defect.NOT_A_REPORT_FIRST, read("a0c90001" + "00000001"), "padding on the first of two");
        assertEquals(Rtcp.Defect.LENGTH_MISMATCH, read("80c90002" + "00000001"));
        assertEquals(Rtcp.Defect.LENGTH_MISMATCH, read("81c90001" + "00000001"), "one block announced, none there");
        assertEquals(Rtcp.Defect.LENGTH_MISMATCH, read("80c90001" + "00000001" + "81cb"));
        assertEquals(Rtcp.Defect.WRONG_VERSION, read("80c90001" + "00000001" + "01cb0001" + "00000001"));
        assertEquals(Rtcp.Defect.PADDING_NOT_LAST,
                read("80c90001" + "00000001" + "a1cb0001" + "00000001" + "81cb0001" + "00000001"));
        assertEquals(List.of(), seen, "nothing of an invalid compound reaches the handler");
    }

    @Test
    void roundTripFromTheRfc3550Example() {
        // RFC 3550 6.4.1, figure 2: A = 46864.500 s, LSR = 46853.125 s, DLSR = 5.250 s -> 6.125 s
        assertEquals(0x0006_2000L, NtpTime.roundTrip(0xb710_8000L, 0xb705_2000L, 0x0005_4000L));
        assertEquals(-1, NtpTime.roundTrip(0xb705_2000L, 0xb705_2000L, 0x0005_4000L));
        assertEquals(0x10L, NtpTime.roundTrip(0x8L, 0xffff_fff8L, 0), "across the 32-bit wrap");
    }

    @Test
    void ntpTimestamps() {
        // 1970-01-01T00:00:00.5Z: 2208988800 s after 1900, fraction one half
        long ntp = NtpTime.of(Instant.ofEpochSecond(0, 500_000_000));
        assertEquals(2_208_988_800L, ntp >>> 32);
        assertEquals(0x8000_0000L, ntp & 0xffff_ffffL);
        assertEquals((2_208_988_800L & 0xffff) << 16 | 0x8000, NtpTime.middle32(ntp));
    }

    @Test
    void rtcpIntervalFollowsA7() {
        // 2 members, we send: senders get a quarter of 500 B/s, 100 B / 125 B/s = 0.8 s, below the 5 s minimum
        assertEquals(5.0, RtcpInterval.deterministic(2, 1, 500, true, 100, false, 5), 1e-9);
        assertEquals(2.5, RtcpInterval.deterministic(2, 1, 500, true, 100, true, 5), 1e-9, "initial: half");
        // 100 members, one sender (not us): receivers share 3/4 of 500 B/s: 99 * 100 / 375
        assertEquals(26.4, RtcpInterval.deterministic(100, 1, 500, false, 100, false, 5), 1e-9);
        // senders above a quarter of the members: everyone shares everything
        assertEquals(8.0, RtcpInterval.deterministic(40, 20, 500, true, 100, false, 5), 1e-9);
        assertEquals(5 * 0.5 / (Math.E - 1.5), RtcpInterval.randomised(5, 0), 1e-9);
        assertEquals(5 * 1.5 / (Math.E - 1.5), RtcpInterval.randomised(5, 1), 1e-9);
    }

    private Rtcp.Defect read(String hex) {
        byte[] data = HEX.parseHex(hex);
        return Rtcp.read(data, 0, data.length, recorder);
    }
}
