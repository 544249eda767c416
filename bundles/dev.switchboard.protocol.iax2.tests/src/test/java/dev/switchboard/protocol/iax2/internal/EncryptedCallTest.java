package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.MessageSender;

/**
 * AES-128 ({@code encryption=aes128}) on calls we receive, between two of our sessions: the called
 * side's AUTHREQ offers encryption, the key is MD5(challenge + secret), and from the caller's AUTHREP
 * on every frame both ways is encrypted; a relay in between keeps what crossed the wire.
 */
class EncryptedCallTest {

    private static Iax2Session session(String user, String password, String encryption, Recorders.Session listener,
            BlockingQueue<TestMedia> media) {
        return new Iax2Session(new Account(user, "iax2", Map.of("user", user, "port", "0", "bind", "127.0.0.1",
                "encryption", encryption)), password.toCharArray(), listener, TestMedia.factory(media));
    }

    private static <T> T poll(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(10, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("nothing arrived within 10 s");
        }
        return value;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anEncryptingCallerIsChallengedAndTheWholeCallRunsEncrypted() throws Exception {
        Recorders.Session bobEvents = new Recorders.Session();
        BlockingQueue<TestMedia> aliceMedia = new LinkedBlockingQueue<>();
        BlockingQueue<TestMedia> bobMedia = new LinkedBlockingQueue<>();
        Recorders.Call alice = new Recorders.Call();
        try (Iax2Session bobSession = session("bob", "s3cret", "aes128", bobEvents, bobMedia);
                Iax2Session aliceSession = session("alice", "s3cret", "aes128", new Recorders.Session(), aliceMedia);
                LossyRelay wire = new LossyRelay(bobSession.localAddress(), 0, 0, 1)) {
            CallLeg outgoing = aliceSession.dial("127.0.0.1:" + wire.port() + "/100", alice);
            CallLeg incoming = poll(bobEvents.incoming);
            incoming.answer();
            assertEquals(CallState.CONNECTED, alice.until(CallState.CONNECTED).getLast());
            assertEquals(CallState.CONNECTED, bobEvents.incomingListener.until(CallState.CONNECTED).getLast());

            byte[] aliceVoice = new byte[160];
            Arrays.fill(aliceVoice, (byte) 0x5a);
            byte[] bobVoice = new byte[160];
            Arrays.fill(bobVoice, (byte) 0xa5);
            TestMedia aliceAudio = poll(aliceMedia);
            TestMedia bobAudio = poll(bobMedia);
            for (int i = 0; i < 3; i++) {
                aliceAudio.out.send(aliceVoice, 0, 160, 20 * i);
                bobAudio.out.send(bobVoice, 0, 160, 20 * i);
            }
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(aliceVoice, poll(bobAudio.received), "alice's voice decrypted at bob");
                assertArrayEquals(bobVoice, poll(aliceAudio.received), "bob's voice decrypted at alice");
            }
            outgoing.capability(Dtmf.class).orElseThrow().send("19#");
            assertEquals("19#", bobEvents.incomingListener.digits(3));
            String secretWords = "the vault code is 7781";
            aliceSession.capability(MessageSender.class).orElseThrow().send(outgoing.remote().address(), secretWords);
            Message atBob = poll(bobEvents.messages);
            assertEquals(secretWords, atBob.text());
            incoming.hangup();
            assertEquals(EndReason.Kind.REMOTE_HANGUP, ((EndReason) alice.until(EndReason.class).getLast()).kind());

            List<byte[]> datagrams = new ArrayList<>(wire.seen);
            FullFrame offer = (FullFrame) FrameCodec.decode(datagrams.get(0), 0, datagrams.get(0).length);
            assertTrue(offer.isIax(IaxCommand.NEW), offer.describe());
            assertEquals((long) InformationElement.ENCRYPT_AES128,
                    offer.informationElements().number(InformationElement.ENCRYPTION).orElseThrow());
            boolean challengeSeen = false;
            for (byte[] datagram : datagrams) {
                assertFalse(contains(datagram, Arrays.copyOf(aliceVoice, 32)), "alice's voice crossed in clear");
                assertFalse(contains(datagram, Arrays.copyOf(bobVoice, 32)), "bob's voice crossed in clear");
                assertFalse(contains(datagram, secretWords.getBytes(StandardCharsets.UTF_8)), "the chat crossed in clear");
                if (!challengeSeen && (datagram[0] & 0x80) != 0) {
                    IaxFrame frame = FrameCodec.decode(datagram, 0, datagram.length);
                    if (frame instanceof FullFrame full && full.isIax(IaxCommand.AUTHREQ)) {
                        challengeSeen = true;
                        // the challenge itself is in clear (the caller needs it for the key) and offers AES-128
                        assertEquals((long) InformationElement.ENCRYPT_AES128,
                                full.informationElements().number(InformationElement.ENCRYPTION).orElseThrow());
                    }
                }
            }
            assertTrue(challengeSeen, "bob challenged the encrypting caller although he has no server");
            assertTrue(datagrams.size() > 15, "voice, DTMF, text and hang-up crossed: " + datagrams.size());
        }
    }

    @Test
    void aCallerEncryptingWithAnotherSecretIsRefusedAndTheCoreNeverHearsOfIt() throws Exception {
        Recorders.Session bobEvents = new Recorders.Session();
        Recorders.Call mallory = new Recorders.Call();
        try (Iax2Session bobSession = session("bob", "s3cret", "aes128", bobEvents, new LinkedBlockingQueue<>());
                Iax2Session intruder = session("mallory", "guess", "aes128", new Recorders.Session(),
                        new LinkedBlockingQueue<>())) {
            intruder.dial("127.0.0.1:" + bobSession.localAddress().getPort() + "/100", mallory);
            EndReason refused = (EndReason) mallory.until(EndReason.class).getLast();
            assertEquals(new EndReason(EndReason.Kind.FAILED, "No authority found"), refused);
            assertNull(bobEvents.incoming.peek(), "no incoming call for an answer that does not decrypt");
        }
    }

    @Test
    void anAccountThatEncryptsRefusesACallerInClear() throws Exception {
        Recorders.Session bobEvents = new Recorders.Session();
        Recorders.Call alice = new Recorders.Call();
        try (Iax2Session bobSession = session("bob", "s3cret", "aes128", bobEvents, new LinkedBlockingQueue<>());
                Iax2Session plain = session("alice", "s3cret", "no", new Recorders.Session(),
                        new LinkedBlockingQueue<>())) {
            plain.dial("127.0.0.1:" + bobSession.localAddress().getPort() + "/100", alice);
            assertEquals(new EndReason(EndReason.Kind.FAILED, "Encryption is required"),
                    alice.until(EndReason.class).getLast());
            assertNull(bobEvents.incoming.peek(), "no incoming call in clear");
        }
    }

    /**
     * Asterisk B's encrypted NEW from capture 10 (dave, AES-128 with key rotation offered) sent to us as
     * the callee: our AUTHREQ carries the elements Asterisk A answered with, in its order; B's AUTHREP,
     * encrypted with MD5(our challenge + secret) as B encrypted its own, is taken, and our ACCEPT and
     * RINGING come back encrypted with that key.
     */
    @Test
    void asteriskBsEncryptedNewFromTheCaptureIsChallengedAsAsteriskAChallengedIt() throws Exception {
        List<CaptureFile.CapturedFrame> captured = CaptureFile.read("10_call_asteriskB_dave_aes128_encrypted_601");
        byte[] newFromB = frame(captured, 3);
        FullFrame asteriskA = (FullFrame) FrameCodec.decode(frame(captured, 4), 0, frame(captured, 4).length);
        assertTrue(asteriskA.isIax(IaxCommand.AUTHREQ), asteriskA.describe());
        Recorders.Session listener = new Recorders.Session();
        try (RawPeer asteriskB = new RawPeer();
                Iax2Session us = session("alice", "dave123", "aes128", listener, new LinkedBlockingQueue<>())) {
            asteriskB.sendRaw(newFromB, us.localAddress());
            FullFrame authreq = asteriskB.receiveFull(5_000);
            assertTrue(authreq.isIax(IaxCommand.AUTHREQ), authreq.describe());
            assertEquals(types(asteriskA), types(authreq), "the elements Asterisk A sent, in its order");
            InformationElements asked = authreq.informationElements();
            assertEquals(asteriskA.informationElements().number(InformationElement.ENCRYPTION),
                    asked.number(InformationElement.ENCRYPTION));
            assertEquals("dave", asked.string(InformationElement.USERNAME).orElseThrow());
            String challenge = asked.string(InformationElement.CHALLENGE).orElseThrow();

            Aes128Cipher key = Aes128Cipher.fromChallenge(challenge, "dave123".toCharArray());
            FullFrame fromB = (FullFrame) FrameCodec.decode(newFromB, 0, newFromB.length);
            byte[] authrep = FrameCodec.encode(FullFrame.of(fromB.sourceCall(), authreq.sourceCall(), 20, 1, 1,
                    FrameType.IAX, IaxCommand.AUTHREP, InformationElements.builder().string(
                            InformationElement.MD5_RESULT, Authentication.md5(challenge, "dave123".toCharArray()))
                            .encode()));
            asteriskB.sendRaw(key.encrypt(authrep), us.localAddress());
            for (int expected : new int[] { IaxCommand.ACCEPT, ControlSubclass.RINGING }) {
                byte[] datagram = asteriskB.receiveDatagram(5_000);
                assertTrue(datagram != null, "nothing after the AUTHREP");
                byte[] clear = key.decrypt(datagram);
                FullFrame frame = (FullFrame) FrameCodec.decode(clear, 0, clear.length);
                assertEquals(expected, frame.rawSubclass(), frame.describe());
            }
            CallLeg incoming = poll(listener.incoming);
            assertEquals("PCMU/8000", incoming.codec().orElseThrow());
        }
    }

    private static byte[] frame(List<CaptureFile.CapturedFrame> captured, int number) {
        return captured.stream().filter(frame -> frame.number() == number).findFirst().orElseThrow().datagram();
    }

    private static List<Integer> types(FullFrame frame) {
        return frame.informationElements().elements().stream().map(InformationElements.Element::type).toList();
    }
}
