package dev.switchboard.media.internal.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.media.dtmf.DtmfDigit;
import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.dtmf.TelephoneEvent;
import dev.switchboard.media.dtmf.TelephoneEventPacket;

class TelephoneEventSenderTest {

    @Test
    void sendsUpdatesEveryIntervalThenTheEndThreeTimes() {
        // 100 ms of '5' at 8 kHz with 20 ms packets, as a G.711 call with ptime 20 would send it
        List<TelephoneEventPacket> packets = TelephoneEventSender.packets(DtmfEvent.DIGIT_5, 1000, 800, 160, 10);
        assertEquals(List.of(
                new TelephoneEventPacket(true, 1000, new TelephoneEvent(5, false, 10, 160)),
                new TelephoneEventPacket(false, 1000, new TelephoneEvent(5, false, 10, 320)),
                new TelephoneEventPacket(false, 1000, new TelephoneEvent(5, false, 10, 480)),
                new TelephoneEventPacket(false, 1000, new TelephoneEvent(5, false, 10, 640)),
                new TelephoneEventPacket(false, 1000, new TelephoneEvent(5, true, 10, 800)),
                new TelephoneEventPacket(false, 1000, new TelephoneEvent(5, true, 10, 800)),
                new TelephoneEventPacket(false, 1000, new TelephoneEvent(5, true, 10, 800))), packets);
    }

    @Test
    void endsAtTheTrueDurationWhenItIsNotAMultipleOfTheInterval() {
        List<TelephoneEventPacket> packets = TelephoneEventSender.packets(DtmfEvent.POUND, 0, 900, 400, 7);
        assertEquals(List.of(400, 800, 900, 900, 900),
                packets.stream().map(packet -> packet.payload().duration()).toList());
        assertEquals(List.of(true, false, false, false, false),
                packets.stream().map(TelephoneEventPacket::marker).toList());
    }

    @Test
    void aShortEventIsOnlyItsMarkedEndPacketAndItsCopies() {
        List<TelephoneEventPacket> packets = TelephoneEventSender.packets(DtmfEvent.STAR, 42, 100, 160, 10);
        assertEquals(List.of(
                new TelephoneEventPacket(true, 42, new TelephoneEvent(10, true, 10, 100)),
                new TelephoneEventPacket(false, 42, new TelephoneEvent(10, true, 10, 100)),
                new TelephoneEventPacket(false, 42, new TelephoneEvent(10, true, 10, 100))), packets);
    }

    @Test
    void hookFlashIsSentAtVolumeZero() {
        List<TelephoneEventPacket> packets = TelephoneEventSender.packets(DtmfEvent.FLASH, 0, 4000, 400, 10);
        assertEquals(12, packets.size());
        packets.forEach(packet -> assertEquals(16, packet.payload().event()));
        packets.forEach(packet -> assertEquals(0, packet.payload().volume()));
    }

    @Test
    void splitsLongEventsIntoSegmentsAndWrapsTheTimestamp() {
        long start = 0xFFFF_FF00L;
        long duration = 2L * TelephoneEvent.MAX_DURATION + 1000;
        List<TelephoneEventPacket> packets = TelephoneEventSender.packets(DtmfEvent.DIGIT_1, start, duration, 8000, 10);
        long secondSegment = (start + 0xFFFF) & 0xFFFF_FFFFL;
        long thirdSegment = (start + 2 * 0xFFFF) & 0xFFFF_FFFFL;
        assertEquals(List.of(
                "true " + start + " 8000", "false " + start + " 16000", "false " + start + " 24000",
                "false " + start + " 32000", "false " + start + " 40000", "false " + start + " 48000",
                "false " + start + " 56000", "false " + start + " 64000", "false " + start + " 65535",
                "false " + secondSegment + " 6465", "false " + secondSegment + " 14465",
                "false " + secondSegment + " 22465", "false " + secondSegment + " 30465",
                "false " + secondSegment + " 38465", "false " + secondSegment + " 46465",
                "false " + secondSegment + " 54465", "false " + secondSegment + " 62465",
                "false " + secondSegment + " 65535",
                "false " + thirdSegment + " 1000 end",
                "false " + thirdSegment + " 1000 end", "false " + thirdSegment + " 1000 end"),
                packets.stream().map(packet -> packet.marker() + " " + packet.timestamp() + " "
                        + packet.payload().duration() + (packet.payload().end() ? " end" : "")).toList());
    }

    @Test
    void theReceiverReportsALongEventOnce() {
        TelephoneEventReceiver receiver = new TelephoneEventReceiver();
        List<TelephoneEventPacket> packets = TelephoneEventSender.packets(DtmfEvent.DIGIT_1, 0xFFFF_0000L,
                3L * TelephoneEvent.MAX_DURATION, 400, 10);
        assertEquals(new DtmfDigit(DtmfEvent.DIGIT_1, 0xFFFF_0000L), feed(receiver, packets.getFirst()));
        for (TelephoneEventPacket packet : packets.subList(1, packets.size())) {
            assertNull(feed(receiver, packet));
        }
    }

    @Test
    void rejectsImpossibleArguments() {
        assertThrows(IllegalArgumentException.class, () -> TelephoneEventSender.packets(DtmfEvent.A, 0, 0, 160, 10));
        assertThrows(IllegalArgumentException.class, () -> TelephoneEventSender.packets(DtmfEvent.A, 0, 800, 0, 10));
    }

    static DtmfDigit feed(TelephoneEventReceiver receiver, TelephoneEventPacket packet) {
        byte[] payload = packet.payload().toBytes();
        return receiver.receive(packet.marker(), packet.timestamp(), payload, 0, payload.length);
    }
}
