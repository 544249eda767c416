package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class FrameCodecTest {

    static final List<String> CAPTURES = List.of("01_register_calltoken_md5_asteriskB", "02_register_md5_iaxmodem_alice",
            "03_register_wrong_password_regrej", "04_call_iaxmodem_alice_to_607_ring_answer_echo_hangup",
            "05_call_asterisk_to_iaxmodem_alice_autoanswer", "06_call_asteriskB_to_602_calltoken_md5_dtmf_both_ways",
            "07_call_asteriskB_to_603_hold_unhold", "08_call_asteriskA_to_B_703_calltoken_md5_ringing_playback",
            "09_call_asteriskB_to_601_g722_playback", "10_call_asteriskB_dave_aes128_encrypted_601",
            "11_call_asteriskB_carol_plaintext_auth_601", "12_call_wrong_password_reject",
            "13_call_unknown_extension_reject", "14_call_605_busy", "15_call_606_congestion",
            "16_register_unknown_peer_regrej", "17_register_without_calltoken_when_required",
            "18_register_and_regrel_carol_plaintext_no_calltoken");

    @TestFactory
    Stream<DynamicTest> everyCapturedFrameDecodesAsTsharkReadItAndEncodesToTheSameBytes() {
        return CAPTURES.stream().map(capture -> DynamicTest.dynamicTest(capture, () -> checkCapture(capture)));
    }

    private static void checkCapture(String capture) {
        List<CaptureFile.CapturedFrame> frames = CaptureFile.read(capture);
        assertTrue(frames.size() >= 2, capture + " has frames");
        for (CaptureFile.CapturedFrame captured : frames) {
            String where = capture + " frame " + captured.number();
            IaxFrame frame = FrameCodec.decode(captured.datagram(), 0, captured.datagram().length);
            assertArrayEquals(captured.datagram(), FrameCodec.encode(frame), where + " re-encodes byte for byte");
            if (captured.packetType() == 0) {
                MiniFrame mini = assertInstanceOf(MiniFrame.class, frame, where);
                assertEquals(captured.sourceCall(), mini.sourceCall(), where);
                assertEquals(captured.timestamp() & 0xffff, mini.timestamp16(), where);
                continue;
            }
            FullFrame full = assertInstanceOf(FullFrame.class, frame, where);
            assertEquals(captured.sourceCall(), full.sourceCall(), where + " source call");
            assertEquals(captured.destinationCall(), full.destinationCall(), where + " destination call");
            assertEquals(captured.retransmission(), full.retransmission(), where + " R bit");
            assertEquals(captured.timestamp(), full.timestamp(), where + " timestamp");
            assertEquals(captured.outboundSequence(), full.outboundSequence(), where + " oseq");
            assertEquals(captured.inboundSequence(), full.inboundSequence(), where + " iseq");
            assertEquals(captured.frameType(), full.frameType(), where + " type");
            if (captured.subclass() >= 0) {
                assertEquals(captured.subclass(), full.rawSubclass(), where + " subclass");
            }
            if (full.frameType() == FrameType.IAX && !captured.informationElements().isEmpty()) {
                List<InformationElements.Element> elements = full.informationElements().elements();
                assertEquals(captured.informationElements().size(), elements.size(), where + " IE count");
                for (int i = 0; i < elements.size(); i++) {
                    assertEquals(captured.informationElements().get(i)[0], elements.get(i).type(), where + " IE " + i);
                    assertEquals(captured.informationElements().get(i)[1], elements.get(i).data().length,
                            where + " IE " + i + " length");
                }
                assertArrayEquals(full.payload(), full.informationElements().encode(), where + " IEs re-encode");
            }
        }
    }

    @Test
    void g722VoiceSubclassIsTheCompressedFormatBit() {
        CaptureFile.CapturedFrame voice = CaptureFile.read("09_call_asteriskB_to_601_g722_playback").stream()
                .filter(frame -> frame.frameType() == FrameType.VOICE).findFirst().orElseThrow();
        FullFrame full = (FullFrame) FrameCodec.decode(voice.datagram(), 0, voice.datagram().length);
        assertEquals(MediaFormats.G722, full.subclass());
        assertEquals(0x8c, FullFrame.compressSubclass(MediaFormats.G722));
    }

    @Test
    void registrationAcknowledgementCarriesItsInformationElements() {
        CaptureFile.CapturedFrame regack = CaptureFile.read("01_register_calltoken_md5_asteriskB").get(6);
        FullFrame full = (FullFrame) FrameCodec.decode(regack.datagram(), 0, regack.datagram().length);
        assertTrue(full.isIax(IaxCommand.REGACK));
        InformationElements elements = full.informationElements();
        assertEquals("bob", elements.string(InformationElement.USERNAME).orElseThrow());
        assertEquals(60L, elements.number(InformationElement.REFRESH).orElseThrow());
    }

    @Test
    void trunkFramesWithAndWithoutPerCallTimestampsRoundTrip() {
        for (boolean perCall : new boolean[] { false, true }) {
            TrunkFrame trunk = new TrunkFrame(123456, perCall, List.of(
                    new TrunkFrame.Entry(7, perCall ? 40 : -1, new byte[] { 1, 2, 3 }),
                    new TrunkFrame.Entry(0x7fff, perCall ? 60 : -1, new byte[160])));
            byte[] wire = FrameCodec.encode(trunk);
            TrunkFrame decoded = assertInstanceOf(TrunkFrame.class, FrameCodec.decode(wire, 0, wire.length));
            assertEquals(123456, decoded.timestamp());
            assertEquals(2, decoded.entries().size());
            assertEquals(7, decoded.entries().get(0).sourceCall());
            assertArrayEquals(new byte[] { 1, 2, 3 }, decoded.entries().get(0).payload());
            assertEquals(perCall ? 60 : -1, decoded.entries().get(1).timestamp16());
            assertArrayEquals(wire, FrameCodec.encode(decoded));
        }
    }

    @Test
    void malformedDatagramsAreRejectedWithAReason() {
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(new byte[3], 0, 3));
        byte[] shortFull = { (byte) 0x80, 1, 0, 0, 0, 0, 0, 0 };
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(shortFull, 0, shortFull.length));
        byte[] badElement = FrameCodec.encodeFull(FullFrame.of(1, 2, 0, 0, 0, FrameType.IAX, IaxCommand.NEW,
                new byte[] { InformationElement.USERNAME, 9, 'a' }));
        FullFrame full = (FullFrame) FrameCodec.decode(badElement, 0, badElement.length);
        assertThrows(MalformedFrameException.class, full::informationElements);
        byte[] brokenTrunk = { 0, 0, 1, 0, 0, 0, 0, 1, 0, 5, 0, 99, 1 };
        assertThrows(MalformedFrameException.class, () -> FrameCodec.decode(brokenTrunk, 0, brokenTrunk.length));
    }
}
