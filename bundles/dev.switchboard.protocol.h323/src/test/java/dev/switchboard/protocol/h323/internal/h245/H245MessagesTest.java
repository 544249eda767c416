package dev.switchboard.protocol.h323.internal.h245;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.protocol.h323.internal.per.Asn;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.ObjectIdentifier;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;

/** Our H.245 messages: the bytes h323plus sent where we build the same message, and round trips. */
class H245MessagesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void messagesBuiltLikeH323PlusAreByteIdentical() {
        // captures 04/07: endSessionCommand disconnect, TCS ack for sequence 1, MSD ack "slave"/"master"
        assertEquals("4a40", HEX.formatHex(H245Messages.encode(H245Messages.endSessionCommand())));
        assertEquals("218001", HEX.formatHex(H245Messages.encode(H245Messages.terminalCapabilitySetAck(1))));
        assertEquals("20a0", HEX.formatHex(H245Messages.encode(H245Messages.masterSlaveDeterminationAck(false))));
        assertEquals("2080", HEX.formatHex(H245Messages.encode(H245Messages.masterSlaveDeterminationAck(true))));
        // capture 04 frame 452: alphanumeric "56789"; capture 04 frame 43: MSD 50 / 0xd57488
        assertEquals("6d40053536373839", HEX.formatHex(H245Messages.encode(H245Messages.userInputAlphanumeric("56789"))));
        assertEquals("01003280d57488", HEX.formatHex(H245Messages.encode(H245Messages.masterSlaveDetermination(0xd57488))));
    }

    @Test
    void userInputKeysFromAlphanumericAndSignal() {
        ChoiceValue alnum = H245Messages.decode(HEX.parseHex("6d40053536373839"));
        assertEquals("indication.userInput", H245Messages.kind(alnum));
        assertEquals("56789", H245Messages.userInputKeys((ChoiceValue) H245Messages.body(alnum)));
        byte[] signal = H245Messages.encode(H245Messages.userInputSignal('#', 100));
        assertEquals("#", H245Messages.userInputKeys((ChoiceValue) H245Messages.body(H245Messages.decode(signal))));
    }

    @Test
    void capabilitySetRoundTripsAndListsOurCodecs() {
        byte[] tcs = H245Messages.encode(H245Messages.terminalCapabilitySet(3,
                List.of(AudioCapability.G722, AudioCapability.PCMU, AudioCapability.PCMA), Optional.of(101)));
        ChoiceValue decoded = H245Messages.decode(tcs);
        assertEquals("request.terminalCapabilitySet", H245Messages.kind(decoded));
        assertEquals(List.of(AudioCapability.G722, AudioCapability.PCMU, AudioCapability.PCMA),
                H245Messages.receiveAudio((SequenceValue) H245Messages.body(decoded)));
        assertArrayEquals(tcs, H245Messages.encode(decoded));
    }

    @Test
    void capturedCapabilitySetListsG711() {
        byte[] tcs = HEX.parseHex("0270010600088175000f80138000fa000100000100000100000cc0010001800580000020401380000120c01380000283"
                + "01508000038301108000048301408000058a061404302d313600800102010000000100000202000300040005");
        assertEquals(List.of(AudioCapability.PCMA, AudioCapability.PCMU),
                H245Messages.receiveAudio((SequenceValue) H245Messages.body(H245Messages.decode(tcs))));
    }

    @Test
    void fastStartChannelsCarryCodecAndAddresses() {
        InetSocketAddress rtp = new InetSocketAddress("127.0.0.1", 5000);
        InetSocketAddress rtcp = new InetSocketAddress("127.0.0.1", 5001);
        byte[] reverse = H245Asn.OPEN_LOGICAL_CHANNEL.encode(H245Messages.reverseChannel(1, AudioCapability.PCMA, Optional.of(rtp), rtcp));
        H245Messages.Channel r = H245Messages.channel((SequenceValue) H245Asn.OPEN_LOGICAL_CHANNEL.decode(reverse));
        assertTrue(r.reverse());
        assertEquals(Optional.of(AudioCapability.PCMA), r.codec());
        assertEquals(Optional.of(rtp), r.rtp());
        assertEquals(Optional.of(rtcp), r.rtcp());
        byte[] forward = H245Asn.OPEN_LOGICAL_CHANNEL.encode(
                H245Messages.forwardChannel(101, AudioCapability.PCMU, Optional.empty(), rtcp));
        H245Messages.Channel f = H245Messages.channel((SequenceValue) H245Asn.OPEN_LOGICAL_CHANNEL.decode(forward));
        assertFalse(f.reverse());
        assertEquals(101, f.number());
        assertEquals(Optional.of(AudioCapability.PCMU), f.codec());
        assertEquals(Optional.empty(), f.rtp());
    }

    @Test
    void capturedOpenLogicalChannelAckGivesMediaChannel() {
        ChoiceValue ack = H245Messages.decode(HEX.parseHex("22c000640280135c00007f0000011388007f0000011389010100"));
        assertEquals("response.openLogicalChannelAck", H245Messages.kind(ack));
        assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 5000)),
                H245Messages.ackMediaChannel((SequenceValue) H245Messages.body(ack)));
        byte[] ours = H245Messages.encode(H245Messages.openLogicalChannelAck(101, new InetSocketAddress("127.0.0.1", 5002),
                new InetSocketAddress("127.0.0.1", 5003)));
        assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 5002)),
                H245Messages.ackMediaChannel((SequenceValue) H245Messages.body(H245Messages.decode(ours))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void ilbcIsOfferedAsAnnexSGenericAudioCapability() {
        byte[] tcs = H245Messages.encode(H245Messages.terminalCapabilitySet(1,
                List.of(AudioCapability.ILBC, AudioCapability.PCMU), Optional.empty()));
        SequenceValue decoded = (SequenceValue) H245Messages.body(H245Messages.decode(tcs));
        assertEquals(List.of(AudioCapability.ILBC, AudioCapability.PCMU), H245Messages.receiveAudio(decoded));
        ChoiceValue audio = (ChoiceValue) ((SequenceValue) ((List<Object>) decoded.get("capabilityTable")).get(0))
                .getChoice("capability").value();
        assertEquals("genericAudioCapability", audio.name());
        SequenceValue generic = (SequenceValue) audio.value();
        assertEquals(ObjectIdentifier.parse("0.0.8.245.1.1.11"), generic.getChoice("capabilityIdentifier").value());
        assertEquals(152L, generic.getLong("maxBitRate"));
        List<Object> parameters = (List<Object>) generic.get("collapsing");
        assertEquals(List.of("0 unsignedMin 1", "1 unsignedMax 30"), parameters.stream().map(p -> {
            SequenceValue parameter = (SequenceValue) p;
            ChoiceValue value = parameter.getChoice("parameterValue");
            return parameter.getChoice("parameterIdentifier").value() + " " + value.name() + " " + value.value();
        }).toList());
        assertArrayEquals(tcs, H245Messages.encode(H245Messages.decode(tcs)));
    }

    @Test
    void aPeersIlbcInEitherModeIsTakenAndOtherGenericAudioIsNot() {
        // as h323plus offers it (mode 20, unsignedMin), beside AMR (Annex I, 0.0.8.245.1.1.1), which we do not code
        SequenceValue peer = new SequenceValue().with("sequenceNumber", 1L)
                .with("protocolIdentifier", H245Messages.PROTOCOL_IDENTIFIER)
                .with("capabilityTable", List.of(receiveGeneric(1, "0.0.8.245.1.1.1"), receiveGeneric(2, "0.0.8.245.1.1.11")));
        byte[] tcs = H245Messages.encode(Asn.choose(H245Asn.MULTIMEDIA_SYSTEM_CONTROL_MESSAGE, "request",
                Asn.choose(H245Asn.REQUEST_MESSAGE, "terminalCapabilitySet", peer)));
        assertEquals(List.of(AudioCapability.ILBC),
                H245Messages.receiveAudio((SequenceValue) H245Messages.body(H245Messages.decode(tcs))));
    }

    private static SequenceValue receiveGeneric(long entry, String identifier) {
        SequenceValue generic = new SequenceValue()
                .with("capabilityIdentifier", Asn.choose(H245Asn.CAPABILITY_IDENTIFIER, "standard", ObjectIdentifier.parse(identifier)))
                .with("maxBitRate", 122L)
                .with("collapsing", List.of(new SequenceValue()
                        .with("parameterIdentifier", Asn.choose(H245Asn.PARAMETER_IDENTIFIER, "standard", 1L))
                        .with("parameterValue", Asn.choose(H245Asn.PARAMETER_VALUE, "unsignedMin", 20L))));
        return new SequenceValue().with("capabilityTableEntryNumber", entry).with("capability",
                Asn.choose(H245Asn.CAPABILITY, "receiveAudioCapability",
                        Asn.choose(H245Asn.AUDIO_CAPABILITY, "genericAudioCapability", generic)));
    }

    @Test
    void ilbcChannelsNameTheirDynamicPayloadType() {
        InetSocketAddress rtp = new InetSocketAddress("127.0.0.1", 5000);
        InetSocketAddress rtcp = new InetSocketAddress("127.0.0.1", 5001);
        byte[] reverse = H245Asn.OPEN_LOGICAL_CHANNEL.encode(H245Messages.reverseChannel(1, AudioCapability.ILBC, Optional.of(rtp), rtcp));
        SequenceValue olc = (SequenceValue) H245Asn.OPEN_LOGICAL_CHANNEL.decode(reverse);
        assertEquals(Optional.of(AudioCapability.ILBC), H245Messages.channel(olc).codec());
        SequenceValue h2250 = (SequenceValue) olc.getSequence("reverseLogicalChannelParameters")
                .getChoice("multiplexParameters").value();
        assertEquals(97L, h2250.getLong("dynamicRTPPayloadType"));
        byte[] forward = H245Asn.OPEN_LOGICAL_CHANNEL.encode(H245Messages.forwardChannel(101, AudioCapability.PCMU, Optional.empty(), rtcp));
        SequenceValue g711 = (SequenceValue) ((SequenceValue) H245Asn.OPEN_LOGICAL_CHANNEL.decode(forward))
                .getSequence("forwardLogicalChannelParameters").getChoice("multiplexParameters").value();
        assertFalse(g711.has("dynamicRTPPayloadType"), "G.711 has its static payload type");
    }
}
