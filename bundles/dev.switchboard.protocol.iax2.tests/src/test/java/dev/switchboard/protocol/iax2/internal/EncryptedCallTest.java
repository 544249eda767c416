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
}
