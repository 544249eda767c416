package dev.switchboard.protocol.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.media.session.MediaDirection;

class SdpTest {

    private static final String BARESIP_OFFER = String.join("\r\n",
            "v=0",
            "o=- 1234 5678 IN IP4 127.0.0.1",
            "s=-",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "m=audio 40000 RTP/AVP 9 0 8 101",
            "b=AS:64",
            "a=rtpmap:9 G722/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=ptime:20",
            "a=sendrecv",
            "m=video 0 RTP/AVP 96",
            "a=inactive", "");

    @Test
    void readsTheFirstAudioStreamWithStaticTypesWithoutRtpmap() {
        Sdp.Description offer = Sdp.parse(BARESIP_OFFER);
        assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000), offer.rtp());
        assertEquals(List.of("G722/8000", "PCMU/8000", "PCMA/8000", "telephone-event/8000"),
                offer.payloads().stream().map(Sdp.Payload::rtpmap).toList());
        assertEquals(MediaDirection.SENDRECV, offer.direction());
        assertEquals(101, offer.telephoneEvent(8000).orElseThrow().type());
        assertEquals("0-15", offer.telephoneEvent(8000).orElseThrow().fmtp());
        assertFalse(offer.holds());
        assertEquals(1234, offer.sessionId());
    }

    @Test
    void holdIsSendonlyInactiveOrTheNullAddress() {
        assertTrue(Sdp.parse(BARESIP_OFFER.replace("a=sendrecv", "a=sendonly")).holds());
        assertTrue(Sdp.parse(BARESIP_OFFER.replace("a=sendrecv", "a=inactive")).holds());
        assertTrue(Sdp.parse(BARESIP_OFFER.replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0")).holds());
        assertEquals(MediaDirection.RECVONLY,
                Sdp.parse(BARESIP_OFFER.replace("a=sendrecv", "a=recvonly")).direction());
    }

    @Test
    void writtenSdpReadsBack() {
        List<Sdp.Payload> payloads = List.of(new Sdp.Payload(0, "PCMU", 8000, 1, ""),
                new Sdp.Payload(9, "G722", 8000, 1, ""), new Sdp.Payload(101, "telephone-event", 8000, 1, "0-16"));
        Sdp.Description ours = new Sdp.Description(new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000),
                payloads, MediaDirection.SENDONLY, 20, 42, 3);
        String text = Sdp.write(ours, "switchboard");
        assertTrue(text.contains("m=audio 50000 RTP/AVP 0 9 101\r\n"), text);
        assertTrue(text.contains("a=fmtp:101 0-16\r\n"), text);
        assertTrue(text.contains("a=sendonly\r\n"), text);
        assertEquals(ours, Sdp.parse(text));
    }

    @Test
    void comfortNoiseIsReadWithoutRtpmapAndIsNeverTakenForACodec() {
        Sdp.Description offer = Sdp.parse(BARESIP_OFFER.replace("RTP/AVP 9 0 8 101", "RTP/AVP 13 0 101"));
        assertEquals(List.of("CN/8000", "PCMU/8000", "telephone-event/8000"),
                offer.payloads().stream().map(Sdp.Payload::rtpmap).toList());
        assertEquals(13, offer.comfortNoise(8000).orElseThrow().type());
        assertTrue(offer.comfortNoise(16000).isEmpty());
        assertTrue(Sdp.parse(BARESIP_OFFER).comfortNoise(8000).isEmpty());
        assertTrue(offer.firstCommon(List.of()).isEmpty(), "no codec of ours, CN and telephone-event are no codecs");
    }

    @Test
    void ourOfferEndsWithTelephoneEventAndComfortNoise() {
        List<Sdp.Payload> offer = Sdp.offerPayloads(List.of());
        assertEquals(List.of("telephone-event/8000", "CN/8000"), offer.stream().map(Sdp.Payload::rtpmap).toList());
        assertEquals(13, offer.get(1).type());
    }

    @Test
    void malformedSdpIsRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse("v=0\r\nc=IN IP4 127.0.0.1\r\n"));
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(BARESIP_OFFER.replace("40000", "x")));
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(BARESIP_OFFER.replace("40000", "70000")));
        assertThrows(IllegalArgumentException.class,
                () -> Sdp.parse(BARESIP_OFFER.replace("c=IN IP4 127.0.0.1", "c=IN IP4 example.com")));
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse("garbage"));
        assertThrows(IllegalArgumentException.class,
                () -> Sdp.parse(BARESIP_OFFER.replace("a=rtpmap:9 G722/8000", "a=rtpmap:9 G722")));
    }
}
