package dev.switchboard.media.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.media.internal.Wav;
import dev.switchboard.media.session.RecordingMode;

class WavRecorderTest {

    @TempDir
    Path directory;

    @Test
    void stereoSplitPutsUsLeftAndThePeerRight() throws Exception {
        Path file = directory.resolve("call.wav");
        try (WavRecorder recorder = new WavRecorder(file, RecordingMode.STEREO_SPLIT, 8000, 160)) {
            recorder.write(new short[] { 1, 2, 3 }, new short[] { -1, -2, -3 }, 3);
            recorder.write(new short[] { 4 }, new short[] { -4 }, 1);
        }
        Wav.Audio audio = Wav.read(file);
        assertEquals(8000, audio.sampleRate());
        assertEquals(2, audio.channels());
        assertArrayEquals(new short[] { 1, -1, 2, -2, 3, -3, 4, -4 }, audio.samples());
        assertEquals(44 + 16, Files.size(file));
    }

    @Test
    void mixedSumsBothSidesAndClips() throws Exception {
        Path file = directory.resolve("mixed.wav");
        try (WavRecorder recorder = new WavRecorder(file, RecordingMode.MIXED, 16000, 2)) {
            // longer than the frame size given: the recorder grows its buffer
            recorder.write(new short[] { 100, 30000, -30000, 5 }, new short[] { 23, 30000, -30000, -5 }, 4);
        }
        Wav.Audio audio = Wav.read(file);
        assertEquals(16000, audio.sampleRate());
        assertEquals(1, audio.channels());
        assertArrayEquals(new short[] { 123, Short.MAX_VALUE, Short.MIN_VALUE, 0 }, audio.samples());
    }
}
