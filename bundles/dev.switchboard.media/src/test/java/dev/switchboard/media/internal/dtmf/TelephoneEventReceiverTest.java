package dev.switchboard.media.internal.dtmf;

import static dev.switchboard.media.internal.dtmf.TelephoneEventSenderTest.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.switchboard.media.dtmf.DtmfDigit;
import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.dtmf.TelephoneEventPacket;
import dev.switchboard.media.rtp.RtpPacket;
import dev.switchboard.media.rtp.RtpParseResult;

class TelephoneEventReceiverTest {
    private final TelephoneEventReceiver receiver = new TelephoneEventReceiver();
    private final List<DtmfDigit> digits = new ArrayList<>();

    /**
     * The captures SIPp ships for its {@code play_pcap_audio} DTMF scenarios (Debian package
     * sip-tester, /usr/share/sip-tester/dtmf_2833_*.pcap), read where the package installs them:
     * ten packets each, marker on the first with duration 0, and the end packet repeated three times
     * with the same sequence number.
     */
    @ParameterizedTest
    @CsvSource({ "0,0", "1,1", "2,2", "3,3", "4,4", "5,5", "6,6", "7,7", "8,8", "9,9", "star,*", "pound,#" })
    void decodesEachOfSippsCapturesToItsDigit(String file, char symbol) throws IOException {
        List<byte[]> datagrams = udpPayloads("dtmf_2833_" + file + ".pcap");
        assertEquals(10, datagrams.size());
        RtpPacket packet = new RtpPacket();
        for (byte[] datagram : datagrams) {
            assertEquals(RtpParseResult.VALID, packet.parse(datagram, 0, datagram.length));
            assertEquals(101, packet.payloadType());
            collect(receiver.receive(packet));
        }
        assertEquals(List.of(DtmfEvent.ofSymbol(symbol)), digits.stream().map(DtmfDigit::event).toList());
    }

    @Test
    void reportsEachOfSeveralPressesOnceDespiteDuplicates() {
        String dialled = "0123456789*#ABCD!55";
        long timestamp = 123_456;
        for (char symbol : dialled.toCharArray()) {
            for (TelephoneEventPacket packet : TelephoneEventSender.packets(DtmfEvent.ofSymbol(symbol), timestamp, 800,
                    160, 10)) {
                collect(feed(receiver, packet));
                collect(feed(receiver, packet));
            }
            timestamp += 1600;
        }
        assertEquals(dialled, symbols());
        assertEquals(123_456 + 1600, digits.get(1).timestamp());
    }

    @Test
    void aLostFirstPacketDelaysTheDigitButDoesNotLoseIt() {
        List<TelephoneEventPacket> packets = TelephoneEventSender.packets(DtmfEvent.DIGIT_7, 5000, 800, 160, 10);
        packets.stream().skip(2).forEach(packet -> collect(feed(receiver, packet)));
        assertEquals(List.of(new DtmfDigit(DtmfEvent.DIGIT_7, 5000)), digits);
    }

    @Test
    void onlyTheEndPacketsArrivingIsStillADigit() {
        List<TelephoneEventPacket> packets = TelephoneEventSender.packets(DtmfEvent.B, 5000, 800, 160, 10);
        collect(feed(receiver, packets.getLast()));
        assertEquals("B", symbols());
    }

    @Test
    void lateRetransmissionsOfAnEarlierEventAreNotNewDigits() {
        List<TelephoneEventPacket> first = TelephoneEventSender.packets(DtmfEvent.DIGIT_1, 0, 800, 160, 10);
        List<TelephoneEventPacket> second = TelephoneEventSender.packets(DtmfEvent.DIGIT_2, 1600, 800, 160, 10);
        first.subList(0, 5).forEach(packet -> collect(feed(receiver, packet)));
        second.subList(0, 2).forEach(packet -> collect(feed(receiver, packet)));
        first.subList(5, 7).forEach(packet -> collect(feed(receiver, packet)));
        second.subList(2, second.size()).forEach(packet -> collect(feed(receiver, packet)));
        assertEquals("12", symbols());
    }

    @Test
    void theSameKeyPressedAgainAfterItsEndPacketsWereLostIsASecondDigit() {
        List<TelephoneEventPacket> first = TelephoneEventSender.packets(DtmfEvent.DIGIT_3, 0, 800, 160, 10);
        List<TelephoneEventPacket> second = TelephoneEventSender.packets(DtmfEvent.DIGIT_3, 1600, 800, 160, 10);
        first.subList(0, 4).forEach(packet -> collect(feed(receiver, packet)));
        second.subList(1, second.size()).forEach(packet -> collect(feed(receiver, packet)));
        assertEquals("33", symbols());
    }

    @Test
    void survivesRandomLossDuplicationAndReorderingWithinEachEvent() {
        Random random = new Random(4733);
        StringBuilder dialled = new StringBuilder();
        long timestamp = 0xFFFF_F000L; // crosses the 32-bit timestamp wrap part way through
        for (int press = 0; press < 200; press++) {
            DtmfEvent event = DtmfEvent.ofCode(random.nextInt(17));
            dialled.append(event.symbol());
            List<TelephoneEventPacket> sent = new ArrayList<>();
            for (TelephoneEventPacket packet : TelephoneEventSender.packets(event, timestamp, 480 + random.nextInt(800),
                    160, 10)) {
                if (random.nextInt(10) > 0) {
                    sent.add(packet);
                }
                if (random.nextInt(10) == 0) {
                    sent.add(packet);
                }
            }
            Collections.shuffle(sent, random);
            if (sent.isEmpty()) {
                dialled.setLength(dialled.length() - 1); // nothing of it arrived: nobody could know
            }
            sent.forEach(packet -> collect(feed(receiver, packet)));
            timestamp = (timestamp + 2000 + random.nextInt(2000)) & 0xFFFF_FFFFL;
        }
        assertEquals(dialled.toString(), symbols());
    }

    @Test
    void aTimestampThatJumpsFarBackStartsANewEvent() {
        TelephoneEventSender.packets(DtmfEvent.POUND, 100_000, 800, 160, 10)
                .forEach(packet -> collect(feed(receiver, packet)));
        TelephoneEventSender.packets(DtmfEvent.DIGIT_0, 100_000 - 0x10000, 800, 160, 10)
                .forEach(packet -> collect(feed(receiver, packet)));
        assertEquals("#0", symbols());
    }

    @Test
    void ignoresEventsThatAreNotDtmfAndShortPayloads() {
        assertNull(receiver.receive(true, 0, new byte[] { 32, 10, 0, 100 }, 0, 4));
        assertNull(receiver.receive(true, 0, new byte[] { 1, 10, 0 }, 0, 3));
        assertNotNull(receiver.receive(true, 0, new byte[] { 1, 10, 0, 100 }, 0, 4));
    }

    private void collect(DtmfDigit digit) {
        if (digit != null) {
            digits.add(digit);
        }
    }

    private String symbols() {
        StringBuilder symbols = new StringBuilder();
        digits.forEach(digit -> symbols.append(digit.event().symbol()));
        return symbols.toString();
    }

    /** The UDP payloads of a classic little-endian pcap of Ethernet frames carrying IPv4. */
    /** SIPp's captures are read where its package installs them rather than copied into ours. */
    static List<byte[]> udpPayloads(String capture) throws IOException {
        Path path = Path.of("/usr/share/sip-tester", capture);
        if (!Files.isReadable(path)) {
            fail("SIPp's capture " + path + " is missing: run ./switchboard test as root, or apt-get install sip-tester");
        }
        byte[] file = Files.readAllBytes(path);
        ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xA1B2C3D4, buffer.getInt(0));
        assertEquals(1, buffer.getInt(20), "link type Ethernet");
        List<byte[]> payloads = new ArrayList<>();
        int record = 24;
        while (record < file.length) {
            int captured = buffer.getInt(record + 8);
            int frame = record + 16;
            int ip = frame + 14;
            assertEquals(0x0800, ((file[frame + 12] & 0xFF) << 8) | (file[frame + 13] & 0xFF), "IPv4");
            assertEquals(17, file[ip + 9], "UDP");
            int udp = ip + (file[ip] & 0x0F) * 4;
            int udpLength = ((file[udp + 4] & 0xFF) << 8) | (file[udp + 5] & 0xFF);
            byte[] payload = new byte[udpLength - 8];
            System.arraycopy(file, udp + 8, payload, 0, payload.length);
            payloads.add(payload);
            record = frame + captured;
        }
        return payloads;
    }
}
