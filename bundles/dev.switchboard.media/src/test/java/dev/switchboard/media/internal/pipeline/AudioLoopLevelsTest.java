package dev.switchboard.media.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.media.audio.AudioLoopTest;
import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecRegistry;
import dev.switchboard.media.internal.jitter.DefaultJitterBufferFactory;
import dev.switchboard.media.internal.rtp.DefaultRtpSessionFactory;

/** The test call's live levels, which the Audio settings page shows as meters while it runs. */
class AudioLoopLevelsTest {

    /** RMS of FakeDevices' sine (amplitude 8000) relative to full scale: 20 log10(8000 / sqrt 2 / 32768). */
    private static final double TONE_DBFS = -15.25;

    @Test
    void theWatcherHearsTheToneGoInAndComeOutTenTimesASecond() throws Exception {
        LinearCodec codec = new LinearCodec(8000);
        CodecRegistry registry = new CodecRegistry() {
            @Override
            public List<AudioCodec> codecs() {
                return List.of(codec);
            }

            @Override
            public Optional<AudioCodec> find(String encodingName, int clockRate) {
                return Optional.of(codec);
            }
        };
        AudioLoopTest loop = new DefaultAudioLoopTest(new FakeDevices(), registry, new DefaultRtpSessionFactory(),
                new DefaultJitterBufferFactory());
        List<double[]> readings = new ArrayList<>();
        AudioLoopTest.Result result = loop.run("tone:400", "out:ear", "L16", Duration.ofMillis(400),
                (input, output) -> readings.add(new double[] { input, output }));
        // 20 frames sent and 15 drained, a reading every 5 frames (100 ms)
        assertEquals(7, readings.size());
        assertEquals(TONE_DBFS, readings.getFirst()[0], 0.1, "the microphone's level");
        double loudestPlayed = readings.stream().mapToDouble(reading -> reading[1]).max().orElseThrow();
        assertEquals(TONE_DBFS, loudestPlayed, 0.1, "the speaker's level once the tone came through (L16 is lossless)");
        assertEquals(TONE_DBFS, result.inputLevelDbfs(), 0.1);
    }
}
