package dev.switchboard.protocol.h323.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.switchboard.protocol.h323.internal.cs.CallSignalling;
import dev.switchboard.protocol.h323.internal.cs.H225CallSignallingAsn;
import dev.switchboard.protocol.h323.internal.cs.Q931Message;
import dev.switchboard.protocol.h323.internal.cs.Tpkt;
import dev.switchboard.protocol.h323.internal.h245.H245Messages;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;
import dev.switchboard.protocol.h323.internal.ras.RasCodec;

/**
 * The steps the capture-replay tests share: h323plus's recorded PDUs by capture and frame (the vectors
 * extracted from ../shared/peers/captures/h323), TPKT framing on a raw socket, and the opening of H.245
 * on a separate connection as capture 04 recorded it.
 */
final class CaptureReplay {
    private CaptureReplay() {
    }

    /** A recorded message by capture and frame from a vector file. */
    static byte[] recorded(String resource, String capture, int frame) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                CaptureReplay.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] cols = line.split("\t");
                if (cols[0].equals(capture) && cols[1].equals(String.valueOf(frame))) {
                    return HexFormat.of().parseHex(cols[2]);
                }
            }
        }
        throw new AssertionError("no frame " + frame + " of capture " + capture + " in " + resource);
    }

    static byte[] q931(String capture, int frame) throws IOException {
        return recorded("/h323/q931-vectors.txt", capture, frame);
    }

    static byte[] h245(String capture, int frame) throws IOException {
        return recorded("/h323/h245-vectors.txt", capture, frame);
    }

    static CallSignalling.Received read(Socket socket) throws IOException {
        return CallSignalling.read(Tpkt.read(socket.getInputStream()));
    }

    static void send(Socket socket, byte[] payload) throws IOException {
        Tpkt.write(socket.getOutputStream(), payload);
        socket.getOutputStream().flush();
    }

    static List<String> h245Kinds(List<byte[]> pdus) {
        List<String> kinds = new ArrayList<>();
        for (byte[] pdu : pdus) {
            kinds.add(H245Messages.kind(H245Messages.decode(pdu)));
        }
        return kinds;
    }

    /** Our next H.245 message on a separate H.245 connection, decoded. */
    static ChoiceValue nextH245Message(Socket socket) throws IOException {
        return H245Messages.decode(Tpkt.read(socket.getInputStream()));
    }

    static String nextH245(Socket socket) throws IOException {
        return H245Messages.kind(nextH245Message(socket));
    }

    /** Capture 04's connect with its h245Address pointing at {@code h245} (the recording's port is gone). */
    static byte[] connectWithH245Address(InetSocketAddress h245) throws IOException {
        Q931Message recorded = Q931Message.parse(q931("04", 33));
        SequenceValue uui = (SequenceValue) H225CallSignallingAsn.H323_USER_INFORMATION.decode(recorded.h323UserInformation().orElseThrow());
        SequenceValue connect = (SequenceValue) ((ChoiceValue) uui.getSequence("h323-uu-pdu").get("h323-message-body")).value();
        assertEquals(new InetSocketAddress("127.0.0.1", 37059), RasCodec.ip(connect.get("h245Address")));
        connect.with("h245Address", RasCodec.transport(h245));
        byte[] per = H225CallSignallingAsn.H323_USER_INFORMATION.encode(uui);
        List<Q931Message.InformationElement> elements = new ArrayList<>();
        for (Q931Message.InformationElement e : recorded.elements()) {
            if (e.identifier() == Q931Message.USER_USER) {
                byte[] contents = new byte[per.length + 1];
                contents[0] = Q931Message.USER_USER_ASN1;
                System.arraycopy(per, 0, contents, 1, per.length);
                elements.add(new Q931Message.InformationElement(Q931Message.USER_USER, contents));
            } else {
                elements.add(e);
            }
        }
        return new Q931Message(recorded.callReference(), recorded.fromDestination(), recorded.messageType(), elements).encode();
    }

    /** Our side opens H.245 (phase B) on the separate connection: our capability set, then our determination request. */
    static void expectOurPhaseBOpening(Socket h245) throws IOException {
        assertEquals("request.terminalCapabilitySet", nextH245(h245));
        assertEquals("request.masterSlaveDetermination", nextH245(h245));
    }

    /**
     * Plays the peer's half of phase B after our opening: its capability set {@code peerCapabilitySet},
     * then h323plus's recorded determination request and acks of ours (capture 04, frames 43, 44, 46),
     * and checks we acknowledge both of its requests.
     */
    static void answerPhaseB(Socket h245, byte[] peerCapabilitySet) throws IOException {
        send(h245, peerCapabilitySet);
        for (int frame : new int[] {43, 44, 46}) { // h323plus's MSD, TCS ack, MSD ack
            send(h245, h245("04", frame));
        }
        assertEquals("response.terminalCapabilitySetAck", nextH245(h245));
        assertEquals("response.masterSlaveDeterminationAck", nextH245(h245));
    }
}
