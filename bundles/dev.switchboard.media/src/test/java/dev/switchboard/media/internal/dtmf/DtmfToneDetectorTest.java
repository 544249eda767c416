package dev.switchboard.media.internal.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.switchboard.media.dtmf.DtmfDigit;
import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.internal.Wav;

class DtmfToneDetectorTest {
    private static final String ALL_KEYS = "0123456789*#ABCD";

    @ParameterizedTest
    @CsvSource({ "-9,-7", "-3,-3", "-12,-14", "-20,-17", "-26,-24", "-28,-30", "-30,-30" })
    void findsEveryKeyAtSeveralLevelsAndTwists(double rowLevel, double columnLevel) {
        DtmfToneGenerator generator = new DtmfToneGenerator(8000, rowLevel, columnLevel, Duration.ofMillis(100),
                Duration.ofMillis(100));
        assertEquals(ALL_KEYS, detect(8000, generator.dial(ALL_KEYS)));
    }

    @ParameterizedTest
    @ValueSource(ints = { 8000, 16000, 48000 })
    void findsFortyMillisecondKeysSeparatedByFortyMillisecondPauses(int sampleRate) {
        DtmfToneGenerator generator = new DtmfToneGenerator(sampleRate, -9, -7, Duration.ofMillis(40),
                Duration.ofMillis(40));
        String dialled = ALL_KEYS + "5555" + "##";
        assertEquals(dialled, detect(sampleRate, generator.dial(dialled)));
    }

    @Test
    void reportsWhereEachKeyBegan() {
        short[] pcm = DtmfToneGenerator.standard(8000).dial("19");
        List<DtmfDigit> digits = new DtmfToneDetector(8000).process(pcm, 0, pcm.length);
        assertEquals(2, digits.size());
        assertTrue(digits.get(0).timestamp() <= 51, "first key starts at 0: " + digits.get(0));
        long second = digits.get(1).timestamp();
        assertTrue(second > 1600 - 205 && second <= 1600 + 51, "second key starts at 1600: " + digits.get(1));
    }

    @Test
    void theResultDoesNotDependOnHowTheStreamIsCut() {
        short[] pcm = DtmfToneGenerator.standard(8000).dial(ALL_KEYS);
        DtmfToneDetector detector = new DtmfToneDetector(8000);
        StringBuilder found = new StringBuilder();
        Random random = new Random(1);
        for (int offset = 0; offset < pcm.length;) {
            int length = Math.min(pcm.length - offset, 1 + random.nextInt(400));
            detector.process(pcm, offset, length).forEach(digit -> found.append(digit.event().symbol()));
            offset += length;
        }
        assertEquals(ALL_KEYS, found.toString());
    }

    @ParameterizedTest
    @ValueSource(doubles = { 24, 18, 12 })
    void findsEveryKeyInWhiteNoise(double signalToNoiseDb) {
        short[] pcm = DtmfToneGenerator.standard(8000).dial(ALL_KEYS + ALL_KEYS);
        // the tone pair's power at -9 and -7 dBm0, against Gaussian noise that many dB weaker
        double tonePower = (square(DtmfToneGenerator.amplitude(-9)) + square(DtmfToneGenerator.amplitude(-7))) / 2;
        addNoise(pcm, Math.sqrt(tonePower / Math.pow(10, signalToNoiseDb / 10)), new Random(42));
        assertEquals(ALL_KEYS + ALL_KEYS, detect(8000, pcm));
    }

    @ParameterizedTest
    @ValueSource(doubles = { -0.015, 0.015 })
    void findsKeysWhoseFrequenciesAreOffByOneAndAHalfPercent(double deviation) {
        StringBuilder found = new StringBuilder();
        for (char symbol : ALL_KEYS.toCharArray()) {
            DtmfEvent event = DtmfEvent.ofSymbol(symbol);
            short[] pcm = pair(event.rowFrequency() * (1 + deviation), DtmfToneGenerator.amplitude(-9),
                    event.columnFrequency() * (1 + deviation), DtmfToneGenerator.amplitude(-7), 8000, 400);
            found.append(detect(8000, pcm));
        }
        assertEquals(ALL_KEYS, found.toString());
    }

    @Test
    void ignoresBurstsOfTwentyFiveMillisecondsWhereverTheyFall() {
        for (int lead = 0; lead < 230; lead++) {
            for (char symbol : ALL_KEYS.toCharArray()) {
                DtmfEvent event = DtmfEvent.ofSymbol(symbol);
                short[] burst = pair(event.rowFrequency(), DtmfToneGenerator.amplitude(-3), event.columnFrequency(),
                        DtmfToneGenerator.amplitude(-3), 8000, 200);
                short[] pcm = new short[lead + burst.length + 800];
                System.arraycopy(burst, 0, pcm, lead, burst.length);
                assertEquals("", detect(8000, pcm), "25 ms of " + symbol + " after " + lead + " samples");
            }
        }
    }

    @Test
    void aShortInterruptionDoesNotSplitAKey() {
        short[] pcm = new DtmfToneGenerator(8000, -9, -7, Duration.ofMillis(200), Duration.ZERO)
                .tone(DtmfEvent.DIGIT_8);
        Arrays.fill(pcm, 800, 880, (short) 0); // 10 ms dropout
        assertEquals("8", detect(8000, pcm));
    }

    @Test
    void ignoresSingleTonesAtAnyLevel() {
        List<Integer> frequencies = new ArrayList<>();
        for (int frequency : DtmfEvent.ROW_FREQUENCIES) {
            frequencies.add(frequency);
        }
        for (int frequency : DtmfEvent.COLUMN_FREQUENCIES) {
            frequencies.add(frequency);
        }
        frequencies.addAll(List.of(350, 440, 480, 620, 1000, 2000)); // dial, ringback, busy, test tones
        for (int frequency : frequencies) {
            for (double level : new double[] { 0, -10, -20, -30 }) {
                short[] pcm = pair(frequency, DtmfToneGenerator.amplitude(level), frequency, 0, 8000, 8000);
                assertEquals("", detect(8000, pcm), frequency + " Hz at " + level + " dBm0");
            }
        }
    }

    @Test
    void ignoresPairsWhoseTwistIsOutOfRange() {
        double row = DtmfToneGenerator.amplitude(-16);
        assertEquals("", detect(8000, pair(770, row, 1336, row * Math.pow(10, 6.0 / 20), 8000, 800)));
        assertEquals("", detect(8000, pair(770, row, 1336, row * Math.pow(10, -10.0 / 20), 8000, 800)));
        assertEquals("5", detect(8000, pair(770, row, 1336, row * Math.pow(10, 3.0 / 20), 8000, 800)));
        assertEquals("5", detect(8000, pair(770, row, 1336, row * Math.pow(10, -7.0 / 20), 8000, 800)));
    }

    @Test
    void ignoresTwoKeysOfTheSameGroupAtOnce() {
        double amplitude = DtmfToneGenerator.amplitude(-12);
        short[] rows = pair(697, amplitude, 1209, amplitude, 8000, 800);
        short[] otherRow = pair(852, amplitude, 852, 0, 8000, 800);
        for (int i = 0; i < rows.length; i++) {
            rows[i] += otherRow[i];
        }
        assertEquals("", detect(8000, rows));
    }

    @Test
    void findsNothingInTenSecondsOfSpeechLikeSound() {
        assertEquals("", detect(8000, SpeechLike.speech(8000, 10, new Random(7))));
    }

    @Test
    void findsNothingInChordsThatContainALowAndAHighGroupFrequency() {
        assertEquals("", detect(8000, SpeechLike.chords(8000)));
    }

    @Test
    void findsTheKeysFfmpegSynthesisedAndSentThroughMuLaw() throws IOException, URISyntaxException {
        Wav.Audio audio = Wav.read(Path.of(getClass().getResource("ffmpeg-keys-mulaw.wav").toURI()));
        assertEquals(8000, audio.sampleRate());
        assertEquals("123A456B789C*0#D", detect(8000, audio.samples()));
    }

    @Test
    void theGeneratorRefusesHookFlashClippingAndStrangeCharacters() {
        DtmfToneGenerator generator = DtmfToneGenerator.standard(8000);
        assertThrows(IllegalArgumentException.class, () -> generator.tone(DtmfEvent.FLASH));
        assertThrows(IllegalArgumentException.class, () -> generator.dial("12x"));
        assertThrows(IllegalArgumentException.class,
                () -> new DtmfToneGenerator(8000, 0, 0, Duration.ofMillis(50), Duration.ofMillis(50)));
    }

    @Test
    void theGeneratorPutsEachFrequencyAtItsLevel() {
        short[] pcm = new DtmfToneGenerator(8000, -10, -6, Duration.ofSeconds(1), Duration.ZERO).tone(DtmfEvent.B);
        assertEquals(DtmfToneGenerator.amplitude(-10), goertzelAmplitude(pcm, 770, 8000), 20);
        assertEquals(DtmfToneGenerator.amplitude(-6), goertzelAmplitude(pcm, 1633, 8000), 20);
        assertEquals(0, goertzelAmplitude(pcm, 1209, 8000), 20);
    }

    private static String detect(int sampleRate, short[] pcm) {
        StringBuilder found = new StringBuilder();
        new DtmfToneDetector(sampleRate).process(pcm, 0, pcm.length)
                .forEach(digit -> found.append(digit.event().symbol()));
        return found.toString();
    }

    static short[] pair(double first, double firstAmplitude, double second, double secondAmplitude, int sampleRate,
            int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(firstAmplitude * Math.sin(2 * Math.PI * first * i / sampleRate)
                    + secondAmplitude * Math.sin(2 * Math.PI * second * i / sampleRate));
        }
        return pcm;
    }

    private static void addNoise(short[] pcm, double rms, Random random) {
        for (int i = 0; i < pcm.length; i++) {
            long noisy = Math.round(pcm[i] + rms * random.nextGaussian());
            pcm[i] = (short) Math.clamp(noisy, Short.MIN_VALUE, Short.MAX_VALUE);
        }
    }

    private static double square(double value) {
        return value * value;
    }

    private static double goertzelAmplitude(short[] pcm, double frequency, int sampleRate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0;
        double beforePrevious = 0;
        for (short sample : pcm) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return 2 * Math.sqrt(Math.max(0, power)) / pcm.length;
    }
}
