package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.call.capability.QualityIndicator;
import dev.switchboard.core.call.capability.Transfer;
import dev.switchboard.core.spi.CallLeg;

/**
 * Exchanges the captures do not hold (QUELCH/UNQUELCH, TRANSFER both ways, TXREQ refused, Opus in the
 * 64-bit format elements, our challenge of a direct caller), against a raw UDP peer scripted frame by
 * frame as RFC 5456 and Asterisk's behaviour describe them.
 */
class ScriptedPeerTest {

    private static Iax2Session session(String password, Recorders.Session listener) {
        return new Iax2Session(new Account("scripted", "iax2", Map.of("user", "alice", "port", "0", "bind",
                "127.0.0.1")), password.toCharArray(), listener, TestMedia.factory());
    }

    /** A session whose media codes {@code formats} (in that order), its calls' media queued in {@code media}. */
    private static Iax2Session session(Recorders.Session listener, BlockingQueue<TestMedia> media, Long... formats) {
        return new Iax2Session(new Account("scripted", "iax2", Map.of("user", "alice", "port", "0", "bind",
                "127.0.0.1")), new char[0], listener, TestMedia.factory(media, List.of(formats)));
    }

    private static <T> T poll(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(10, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("nothing arrived within 10 s");
        }
        return value;
    }

    @Test
    void quelchAndUnquelchPutTheCallOnRemoteHoldAndBack() throws Exception {
        Recorders.Call call = new Recorders.Call();
        try (RawPeer raw = new RawPeer(); Iax2Session session = session("", new Recorders.Session())) {
            ScriptedCall server = ScriptedCall.connect(session, raw, call);
            // QUELCH asks us to stop sending audio (RFC 5456), which Asterisk and we take as hold
            server.sendIax(IaxCommand.QUELCH, InformationElements.builder());
            assertEquals(CallState.REMOTE_HOLD, call.next());
            server.sendIax(IaxCommand.UNQUELCH, InformationElements.builder());
            assertEquals(CallState.CONNECTED, call.next());
            server.send(FrameType.CONTROL, ControlSubclass.HANGUP, new byte[0]);
            assertEquals(EndReason.Kind.REMOTE_HANGUP, ((EndReason) call.next()).kind());
        }
    }

    @Test
    void blindTransferAsksTheServerWhichHangsOurLegUp() throws Exception {
        Recorders.Call call = new Recorders.Call();
        try (RawPeer raw = new RawPeer(); Iax2Session session = session("", new Recorders.Session())) {
            ScriptedCall server = ScriptedCall.connect(session, raw, call);
            // the call offers its media's quality for the UI's icon (here the test media's fixed verdict)
            QualityIndicator quality = server.leg.capability(QualityIndicator.class).orElseThrow();
            assertEquals(QualityIndicator.Rating.GOOD, quality.rating());
            assertTrue(quality.detail().startsWith("PCMU/8000, loss 0.0 %"), quality.detail());

            server.leg.capability(Transfer.class).orElseThrow().transfer("700");
            assertEquals(CallState.TRANSFERRING, call.next());
            FullFrame transfer = server.expect(FrameType.IAX, IaxCommand.TRANSFER);
            assertEquals("700", transfer.informationElements().string(InformationElement.CALLED_NUMBER).orElseThrow());
            // Asterisk sends the bridged party to 700 and hangs our leg up
            server.sendIax(IaxCommand.HANGUP, InformationElements.builder()
                    .string(InformationElement.CAUSE, "Normal Clearing").u8(InformationElement.CAUSECODE, 16));
            assertEquals(EndReason.Kind.TRANSFERRED, ((EndReason) call.next()).kind());
        }
    }

    @Test
    void aDirectCallerIsChallengedWithMd5AndRejectedOnAWrongAnswerAsAsteriskDoes() throws Exception {
        Recorders.Session listener = new Recorders.Session();
        try (RawPeer raw = new RawPeer(); Iax2Session session = session("s3cret", listener)) {
            InetSocketAddress us = session.localAddress();
            for (String password : new String[] { "wrong", "s3cret" }) {
                ScriptedCall caller = new ScriptedCall(raw, us, password.length());
                caller.sendIax(IaxCommand.NEW, InformationElements.builder().u16(InformationElement.VERSION, 2)
                        .string(InformationElement.CALLED_NUMBER, "100").string(InformationElement.USERNAME, "carol")
                        .u32(InformationElement.FORMAT, MediaFormats.ULAW)
                        .u32(InformationElement.CAPABILITY, MediaFormats.ULAW));
                FullFrame authreq = caller.expect(FrameType.IAX, IaxCommand.AUTHREQ);
                InformationElements asked = authreq.informationElements();
                assertEquals(InformationElement.AUTH_MD5, asked.number(InformationElement.AUTHMETHODS).orElseThrow());
                assertEquals("carol", asked.string(InformationElement.USERNAME).orElseThrow());
                String challenge = asked.string(InformationElement.CHALLENGE).orElseThrow();
                assertTrue(challenge.matches("\\d{9}"), challenge);
                caller.sendIax(IaxCommand.AUTHREP, InformationElements.builder().string(InformationElement.MD5_RESULT,
                        Authentication.md5(challenge, password.toCharArray())));
                if (password.equals("wrong")) {
                    InformationElements reject = caller.expect(FrameType.IAX, IaxCommand.REJECT).informationElements();
                    assertEquals("No authority found", reject.string(InformationElement.CAUSE).orElseThrow());
                    assertEquals(50L, reject.number(InformationElement.CAUSECODE).orElseThrow());
                    assertEquals(null, listener.incoming.peek(), "the core never heard of the refused call");
                } else {
                    caller.expect(FrameType.IAX, IaxCommand.ACCEPT);
                    caller.expect(FrameType.CONTROL, ControlSubclass.RINGING);
                    CallLeg leg = listener.incoming.poll(5, TimeUnit.SECONDS);
                    assertTrue(leg != null, "the caller who proved the password rings");
                    leg.reject("busy");
                    caller.expect(FrameType.IAX, IaxCommand.REJECT);
                }
            }
        }
    }

    /**
     * Asterisk offers Opus (format bit 34, beyond the 32-bit elements) in FORMAT2/CAPABILITY2, with the
     * truncated 32-bit FORMAT it also sends: we take it, name it to the core as the engine's Opus, and
     * voice frames carry it in the compressed subclass 0x80 | 34 both ways.
     */
    @Test
    void opusOfferedInTheSixtyFourBitElementsIsTakenAndCarriedBothWays() throws Exception {
        Recorders.Session listener = new Recorders.Session();
        BlockingQueue<TestMedia> media = new LinkedBlockingQueue<>();
        try (RawPeer raw = new RawPeer();
                Iax2Session session = session(listener, media, MediaFormats.ULAW, MediaFormats.OPUS)) {
            ScriptedCall asterisk = new ScriptedCall(raw, session.localAddress(), 77);
            long offered = MediaFormats.OPUS | MediaFormats.ULAW | MediaFormats.G722;
            asterisk.sendIax(IaxCommand.NEW, InformationElements.builder().u16(InformationElement.VERSION, 2)
                    .string(InformationElement.CALLED_NUMBER, "100")
                    .u32(InformationElement.FORMAT, MediaFormats.OPUS)
                    .u64Versioned(InformationElement.FORMAT2, MediaFormats.OPUS)
                    .u32(InformationElement.CAPABILITY, offered)
                    .u64Versioned(InformationElement.CAPABILITY2, offered));
            InformationElements accept = asterisk.expect(FrameType.IAX, IaxCommand.ACCEPT).informationElements();
            assertEquals(MediaFormats.OPUS, accept.number(InformationElement.FORMAT2).orElseThrow());
            assertEquals(0L, accept.number(InformationElement.FORMAT).orElseThrow(), "the low 32 bits, as Asterisk");
            asterisk.expect(FrameType.CONTROL, ControlSubclass.RINGING);
            CallLeg leg = poll(listener.incoming);
            assertEquals("opus/48000/2", leg.codec().orElseThrow());
            leg.answer();
            asterisk.expect(FrameType.CONTROL, ControlSubclass.ANSWER);
            assertEquals(CallState.CONNECTED, listener.incomingListener.until(CallState.CONNECTED).getLast());
            TestMedia audio = poll(media);
            assertEquals(MediaFormats.OPUS, audio.format, "the call's media runs Opus");

            byte[] fromAsterisk = { (byte) 0xf8, (byte) 0xff, (byte) 0xfe };
            asterisk.send(FrameType.VOICE, MediaFormats.OPUS, fromAsterisk);
            assertArrayEquals(fromAsterisk, poll(audio.received));
            byte[] ours = { 0x78, 0x01, 0x02, 0x03 };
            audio.out.send(ours, 0, ours.length, 0);
            FullFrame voice = asterisk.expect(FrameType.VOICE, 0x80 | 34);
            assertEquals(MediaFormats.OPUS, voice.subclass());
            assertArrayEquals(ours, voice.payload());
            asterisk.send(FrameType.CONTROL, ControlSubclass.HANGUP, new byte[0]);
            assertEquals(EndReason.Kind.REMOTE_HANGUP,
                    ((EndReason) listener.incomingListener.until(EndReason.class).getLast()).kind());
        }
    }

    /** We offer Opus beside µ-law (64-bit elements present); the server picks Opus in its ACCEPT. */
    @Test
    void weOfferOpusInTheSixtyFourBitElementsAndTakeItWhenTheServerAcceptsIt() throws Exception {
        Recorders.Call call = new Recorders.Call();
        try (RawPeer raw = new RawPeer();
                Iax2Session session = session(new Recorders.Session(), new LinkedBlockingQueue<>(), MediaFormats.ULAW,
                        MediaFormats.OPUS)) {
            CallLeg leg = session.dial("127.0.0.1:" + raw.address().getPort() + "/600", call);
            FullFrame offer = raw.receiveFull(5_000);
            InformationElements elements = offer.informationElements();
            assertEquals(MediaFormats.ULAW, elements.number(InformationElement.FORMAT).orElseThrow());
            assertEquals(MediaFormats.ULAW, elements.number(InformationElement.FORMAT2).orElseThrow());
            assertEquals(MediaFormats.ULAW, elements.number(InformationElement.CAPABILITY).orElseThrow());
            assertEquals(MediaFormats.ULAW | MediaFormats.OPUS,
                    elements.number(InformationElement.CAPABILITY2).orElseThrow());
            ScriptedCall server = new ScriptedCall(raw, raw.lastSender(), 4321);
            server.remoteCall = offer.sourceCall();
            server.inboundSequence = 1;
            server.sendIax(IaxCommand.ACCEPT, InformationElements.builder().u32(InformationElement.FORMAT, 0)
                    .u64Versioned(InformationElement.FORMAT2, MediaFormats.OPUS));
            server.send(FrameType.CONTROL, ControlSubclass.ANSWER, new byte[0]);
            assertEquals(CallState.CONNECTED, call.until(CallState.CONNECTED).getLast());
            assertEquals("opus/48000/2", leg.codec().orElseThrow());
            leg.hangup();
            server.expect(FrameType.IAX, IaxCommand.HANGUP);
        }
    }

    /**
     * A blind transfer the server takes (ACK) but never carries out, e.g. to an extension it does not
     * have: after {@link Iax2Call#TRANSFER_TIMEOUT} the call is connected again and still works. In the
     * same wait, a native transfer whose far end never answers our TXCNT: after 7.5 s (the give-up of a
     * full frame) the server hears TXREJ, and the call stays with it.
     */
    @Test
    void transfersTheServerNeverCarriesOutLeaveTheCallConnected() throws Exception {
        Recorders.Call call = new Recorders.Call();
        try (RawPeer raw = new RawPeer(); RawPeer silentFarEnd = new RawPeer();
                Iax2Session session = session("", new Recorders.Session())) {
            ScriptedCall server = ScriptedCall.connect(session, raw, call);
            server.sendIax(IaxCommand.TXREQ, InformationElements.builder()
                    .address(InformationElement.APPARENT_ADDR, silentFarEnd.address())
                    .u16(InformationElement.CALLNO, 556).u32(InformationElement.TRANSFERID, 11));
            long requested = System.nanoTime();
            assertTrue(silentFarEnd.receiveFull(5_000).isIax(IaxCommand.TXCNT), "TXCNT to the far end");
            server.leg.capability(Transfer.class).orElseThrow().transfer("799");
            assertEquals(CallState.TRANSFERRING, call.next());
            long asked = System.nanoTime();
            server.expect(FrameType.IAX, IaxCommand.TRANSFER);
            server.expect(FrameType.IAX, IaxCommand.TXREJ, 10_000);
            Duration unanswered = Duration.ofNanos(System.nanoTime() - requested);
            assertTrue(unanswered.compareTo(Dialog.GIVE_UP.minusMillis(500)) >= 0, "TXREJ after " + unanswered);
            // nothing more from the server: the event comes from our timer, not from a frame
            assertEquals(CallState.CONNECTED, call.next());
            Duration waited = Duration.ofNanos(System.nanoTime() - asked);
            assertTrue(waited.compareTo(Iax2Call.TRANSFER_TIMEOUT.minusMillis(500)) >= 0, "back after " + waited);
            server.leg.capability(Dtmf.class).orElseThrow().send("5");
            assertEquals('5', server.expect(FrameType.DTMF_BEGIN, '5').rawSubclass());
            server.expect(FrameType.DTMF_END, '5');
            server.leg.hangup();
            server.expect(FrameType.IAX, IaxCommand.HANGUP);
            assertEquals(EndReason.Kind.LOCAL_HANGUP, ((EndReason) call.next()).kind());
        }
    }

    /**
     * The server (or a peer) asks us to send the call elsewhere (IAX TRANSFER): a softphone has no
     * dialplan to do it, so it answers UNSUPPORT naming the command, and the call goes on.
     */
    @Test
    void aTransferRequestSentToUsIsAnsweredUnsupportAndTheCallGoesOn() throws Exception {
        Recorders.Call call = new Recorders.Call();
        try (RawPeer raw = new RawPeer(); Iax2Session session = session("", new Recorders.Session())) {
            ScriptedCall server = ScriptedCall.connect(session, raw, call);
            server.sendIax(IaxCommand.TRANSFER, InformationElements.builder()
                    .string(InformationElement.CALLED_NUMBER, "700"));
            InformationElements answer = server.expect(FrameType.IAX, IaxCommand.UNSUPPORT).informationElements();
            assertEquals((long) IaxCommand.TRANSFER, answer.number(InformationElement.IAX_UNKNOWN).orElseThrow());
            server.leg.capability(Dtmf.class).orElseThrow().send("7");
            server.expect(FrameType.DTMF_BEGIN, '7');
            server.send(FrameType.CONTROL, ControlSubclass.HANGUP, new byte[0]);
            assertEquals(EndReason.Kind.REMOTE_HANGUP, ((EndReason) call.until(EndReason.class).getLast()).kind());
        }
    }

    /**
     * A TXREQ we cannot follow (no call number of the far end) is refused with TXREJ; a TXREJ of the
     * server after we sent TXCNT (to a far end that never answers) calls the transfer off. Both times
     * the call goes on through the server.
     */
    @Test
    void transferRequestsThatCannotBeFollowedAreRefusedAndTheCallGoesOn() throws Exception {
        Recorders.Call call = new Recorders.Call();
        try (RawPeer raw = new RawPeer(); RawPeer silentFarEnd = new RawPeer();
                Iax2Session session = session("", new Recorders.Session())) {
            ScriptedCall server = ScriptedCall.connect(session, raw, call);
            server.sendIax(IaxCommand.TXREQ, InformationElements.builder()
                    .address(InformationElement.APPARENT_ADDR, silentFarEnd.address())
                    .u32(InformationElement.TRANSFERID, 9));
            server.expect(FrameType.IAX, IaxCommand.TXREJ);

            server.sendIax(IaxCommand.TXREQ, InformationElements.builder()
                    .address(InformationElement.APPARENT_ADDR, silentFarEnd.address())
                    .u16(InformationElement.CALLNO, 555).u32(InformationElement.TRANSFERID, 10));
            FullFrame connect = silentFarEnd.receiveFull(5_000);
            assertTrue(connect.isIax(IaxCommand.TXCNT), connect.describe());
            assertEquals(555, connect.destinationCall());
            assertEquals(10L, connect.informationElements().number(InformationElement.TRANSFERID).orElseThrow());
            // the other leg failed: the server calls it off, and our TXCNT stops
            server.sendIax(IaxCommand.TXREJ, InformationElements.builder());
            server.leg.capability(Dtmf.class).orElseThrow().send("3");
            server.expect(FrameType.DTMF_BEGIN, '3');
            server.expect(FrameType.DTMF_END, '3');
            while (silentFarEnd.receive(1) != null) {
                // TXCNTs already on the way when the TXREJ arrived
            }
            assertEquals(null, silentFarEnd.receive(1_500), "no TXCNT after the server's TXREJ");
            server.send(FrameType.CONTROL, ControlSubclass.HANGUP, new byte[0]);
            assertEquals(EndReason.Kind.REMOTE_HANGUP, ((EndReason) call.until(EndReason.class).getLast()).kind());
        }
    }
}
