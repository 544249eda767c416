package dev.switchboard.media.internal.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.audio.PlaybackStream;
import dev.switchboard.media.internal.Wav;

class FileAudioProviderTest {

    @TempDir
    Path temp;

    private final DefaultAudioDevices devices = new DefaultAudioDevices();

    FileAudioProviderTest() {
        devices.addProvider(new FileAudioProvider());
        devices.addProvider(new NullAudioProvider());
    }

    @Test
    void aRecordingReadsBackFrameForFrame() throws Exception {
        Path file = temp.resolve("out.wav");
        short[] frame = Signals.tone(1000, 8000, 160, 5000);
        try (PlaybackStream playback = devices.openPlayback("file:" + file, 8000, 160)) {
            for (int i = 0; i < 5; i++) {
                playback.write(frame, 0, 160);
            }
        }
        Wav.Audio audio = Wav.read(file);
        assertEquals(8000, audio.sampleRate());
        assertEquals(800, audio.samples().length);

        try (CaptureStream capture = devices.openCapture("file:" + file, 8000, 160)) {
            assertFalse(capture.paced());
            short[] read = new short[160];
            for (int i = 0; i < 5; i++) {
                assertEquals(160, capture.read(read, 0, 160));
                assertArrayEquals(frame, read);
            }
            assertEquals(-1, capture.read(read, 0, 160), "the end of the file is the end of the input");
            assertArrayEquals(new short[160], read, "after the end comes silence");
        }
    }

    @Test
    void aWidebandStereoFileIsMixedDownAndResampledForANarrowbandCodec() throws Exception {
        short[] left = Signals.tone(500, 16000, 16000, 8000);
        short[] stereo = new short[left.length * 2];
        for (int i = 0; i < left.length; i++) {
            stereo[2 * i] = left[i];
            stereo[2 * i + 1] = left[i];
        }
        Path file = temp.resolve("wide.wav");
        Wav.write(file, new Wav.Audio(16000, 2, stereo));
        try (CaptureStream capture = devices.openCapture("file:" + file, 8000, 160)) {
            short[] all = new short[8000 + 160];
            int frames = 0;
            while (capture.read(all, frames * 160, 160) == 160) {
                frames++;
            }
            assertEquals(50, frames);
            assertEquals(8000, Signals.amplitude(all, 800, 7200, 500, 8000), 150);
        }
    }

    @Test
    void aRecordingCutShortByACrashStillReads() throws Exception {
        Path file = temp.resolve("crash.wav");
        PlaybackStream playback = devices.openPlayback("file:" + file, 8000, 160);
        playback.write(Signals.tone(300, 8000, 160, 3000), 0, 160);
        // never closed: the header still says "unknown length"
        assertEquals(160, Wav.read(file).samples().length);
        playback.close();
    }

    @Test
    void missingFilesAndUnknownKindsAreExplained() throws IOException {
        AudioDeviceException missing = assertThrows(AudioDeviceException.class,
                () -> devices.openCapture("file:" + temp.resolve("nope.wav"), 8000, 160));
        assertTrue(missing.getMessage().startsWith("cannot play "), missing.getMessage());
        AudioDeviceException unknown = assertThrows(AudioDeviceException.class,
                () -> devices.openCapture("bluetooth:headset", 8000, 160));
        assertTrue(unknown.getMessage().contains("no audio devices of kind 'bluetooth'"), unknown.getMessage());
        assertThrows(AudioDeviceException.class, () -> devices.openPlayback("headset", 8000, 160));
        Path text = Files.writeString(temp.resolve("text.wav"), "text");
        assertTrue(assertThrows(AudioDeviceException.class, () -> devices.openCapture("file:" + text, 8000, 160))
                .getMessage().contains("not a RIFF/WAVE file"));
    }

    @Test
    void theNullDeviceGivesSilence() throws Exception {
        try (CaptureStream capture = devices.openCapture("null:", 16000, 320)) {
            short[] frame = Signals.tone(1000, 16000, 320, 1000);
            assertEquals(320, capture.read(frame, 0, 320));
            assertArrayEquals(new short[320], frame);
        }
        assertTrue(devices.devices().stream().anyMatch(device -> device.id().equals("null:")));
    }
}
