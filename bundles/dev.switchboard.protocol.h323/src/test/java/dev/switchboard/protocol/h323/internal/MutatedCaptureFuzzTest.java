package dev.switchboard.protocol.h323.internal;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.switchboard.protocol.h323.internal.cs.CallSignalling;
import dev.switchboard.protocol.h323.internal.h245.H245Asn;
import dev.switchboard.protocol.h323.internal.h245.H245Messages;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.PerException;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;
import dev.switchboard.protocol.h323.internal.ras.RasCodec;

/**
 * Random mutations of every captured PDU (RAS datagrams, Q.931 messages with their H.225.0 user-user
 * information, H.245 PDUs on separate connections and tunnelled), fed to the same readers the plug-in
 * uses on what it receives: each must end in a value or a {@link PerException}, never another
 * exception, an endless loop or a runaway allocation. Seeded, so a failure names the input to replay.
 */
class MutatedCaptureFuzzTest {
    private static final long SEED = 0x48323C;
    /** Mutants per captured PDU: 16,500 RAS, 10,500 Q.931, 6,100 H.245 and 5,000 fastStart decodes in all. */
    private static final int MUTANTS = 100;
    /** Far beyond what one decode of a PDU of at most a few hundred octets takes, so only a hang trips it. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    private static List<byte[]> vectors(String resource) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                MutatedCaptureFuzzTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#")) {
                    out.add(HexFormat.of().parseHex(line.split("\t")[2]));
                }
            }
        }
        return out;
    }

    /** One mutation: bit flips, random octets, a cut, an inserted or removed run, or a length octet pushed to an edge. */
    static byte[] mutate(byte[] pdu, Random random) {
        byte[] out = pdu.clone();
        switch (random.nextInt(6)) {
            case 0 -> {
                for (int i = 1 + random.nextInt(4); i > 0 && out.length > 0; i--) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                for (int i = 1 + random.nextInt(3); i > 0 && out.length > 0; i--) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> out = Arrays.copyOf(out, random.nextInt(Math.max(1, out.length)));
            case 3 -> {
                int at = random.nextInt(out.length + 1);
                byte[] run = new byte[1 + random.nextInt(8)];
                random.nextBytes(run);
                byte[] longer = new byte[out.length + run.length];
                System.arraycopy(out, 0, longer, 0, at);
                System.arraycopy(run, 0, longer, at, run.length);
                System.arraycopy(out, at, longer, at + run.length, out.length - at);
                out = longer;
            }
            case 4 -> {
                if (out.length > 1) {
                    int at = random.nextInt(out.length);
                    int cut = Math.min(out.length - at, 1 + random.nextInt(8));
                    byte[] shorter = new byte[out.length - cut];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + cut, shorter, at, out.length - at - cut);
                    out = shorter;
                }
            }
            default -> {
                if (out.length > 0) { // length determinants and counts at their extremes
                    int[] edges = {0x00, 0x7F, 0x80, 0xBF, 0xC0, 0xC4, 0xFF};
                    out[random.nextInt(out.length)] = (byte) edges[random.nextInt(edges.length)];
                }
            }
        }
        return out;
    }

    /** Runs {@code reader} over every mutant of every PDU; returns how many ended in a PerException. */
    private static int fuzz(String what, List<byte[]> pdus, Consumer<byte[]> reader) {
        Random random = new Random(SEED ^ what.hashCode());
        int[] rejected = {0};
        assertTimeoutPreemptively(BOUND, () -> {
            for (byte[] pdu : pdus) {
                for (int i = 0; i < MUTANTS; i++) {
                    byte[] mutant = mutate(pdu, random);
                    try {
                        reader.accept(mutant);
                    } catch (PerException expected) {
                        rejected[0]++;
                    } catch (RuntimeException | Error e) {
                        fail(what + " reader failed with " + e + " on " + HexFormat.of().formatHex(mutant), e);
                    }
                }
            }
        }, what + " mutants did not all finish within " + BOUND);
        return rejected[0];
    }

    @Test
    void mutatedRasDatagramsDecodeOrFailWithAPerException() throws IOException {
        List<byte[]> pdus = vectors("/h323/ras-vectors.txt");
        int rejected = fuzz("RAS", pdus, RasCodec::decode);
        // most mutants break the strict RAS encoding; a share decode to other valid messages
        assertTrue(rejected > pdus.size() * MUTANTS / 4, "RAS mutants rejected: " + rejected);
    }

    @Test
    void mutatedQ931MessagesDecodeOrFailWithAPerException() throws IOException {
        List<byte[]> pdus = vectors("/h323/q931-vectors.txt");
        int rejected = fuzz("Q.931/H.225.0", pdus, q931 -> {
            CallSignalling.Received m = CallSignalling.read(q931);
            // what the call reads from any message it takes
            m.fastStart();
            m.h245Control();
            m.h245Address();
            m.aliases("sourceAddress");
            m.displayName();
            m.releaseReason();
            m.q850Cause();
            m.facilityReason();
            m.alternativeAddress();
            m.cryptoTokens();
        });
        assertTrue(rejected > pdus.size() * MUTANTS / 4, "Q.931 mutants rejected: " + rejected);
    }

    @Test
    void mutatedH245PdusDecodeOrFailWithAPerException() throws IOException {
        List<byte[]> pdus = new ArrayList<>(vectors("/h323/h245-vectors.txt"));
        for (byte[] q931 : vectors("/h323/q931-vectors.txt")) { // the tunnelled ones too
            pdus.addAll(CallSignalling.read(q931).h245Control());
        }
        int rejected = fuzz("H.245", pdus, pdu -> {
            ChoiceValue message = H245Messages.decode(pdu);
            Object body = H245Messages.body(message);
            // what the call reads from the messages it acts on
            switch (H245Messages.kind(message)) {
                case "request.terminalCapabilitySet" -> {
                    SequenceValue tcs = (SequenceValue) body;
                    H245Messages.isEmpty(tcs);
                    H245Messages.receiveAudio(tcs);
                    H245Messages.receiveIlbcMode(tcs);
                    H245Messages.telephoneEventPayloadType(tcs);
                }
                case "request.openLogicalChannel" -> H245Messages.channel((SequenceValue) body).coding();
                case "response.openLogicalChannelAck" -> H245Messages.ackMediaChannel((SequenceValue) body);
                case "indication.userInput" -> H245Messages.userInputKeys((ChoiceValue) body);
                default -> {
                }
            }
        });
        assertTrue(pdus.size() >= 61, "captured H.245 PDUs: " + pdus.size());
        assertTrue(rejected > pdus.size() * MUTANTS / 4, "H.245 mutants rejected: " + rejected);
    }

    @Test
    void mutatedFastStartChannelsDecodeOrFailWithAPerException() throws IOException {
        List<byte[]> olcs = new ArrayList<>();
        for (byte[] q931 : vectors("/h323/q931-vectors.txt")) {
            olcs.addAll(CallSignalling.read(q931).fastStart());
        }
        int rejected = fuzz("fastStart", olcs,
                olc -> H245Messages.channel((SequenceValue) H245Asn.OPEN_LOGICAL_CHANNEL.decode(olc)).coding());
        assertTrue(olcs.size() >= 50, "captured fastStart channels: " + olcs.size());
        assertTrue(rejected > olcs.size() * MUTANTS / 4, "fastStart mutants rejected: " + rejected);
    }
}
