package dev.switchboard.media.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {

    @TempDir
    Path temp;

    @Test
    void writtenAudioReadsBackUnchanged() throws IOException {
        short[] samples = { 0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 1234 };
        Path file = temp.resolve("a.wav");
        Wav.write(file, new Wav.Audio(16000, 2, samples));
        assertEquals(44 + 12, Files.size(file));
        Wav.Audio audio = Wav.read(file);
        assertEquals(16000, audio.sampleRate());
        assertEquals(2, audio.channels());
        assertArrayEquals(samples, audio.samples());
    }

    @Test
    void unknownChunksAreSkippedAndOddSizesPadded() throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(12 + 8 + 4 + 24 + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(ascii("RIFF")).putInt(bytes.capacity() - 8).put(ascii("WAVE"));
        bytes.put(ascii("LIST")).putInt(3).put(new byte[] { 1, 2, 3, 0 });
        bytes.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        bytes.put(ascii("data")).putInt(4).putShort((short) 7).putShort((short) -7);
        Path file = Files.write(temp.resolve("b.wav"), bytes.array());
        assertArrayEquals(new short[] { 7, -7 }, Wav.read(file).samples());
    }

    @Test
    void badFilesAreExplained() throws IOException {
        Path text = Files.writeString(temp.resolve("c.wav"), "hello, not audio");
        assertTrue(assertThrows(IOException.class, () -> Wav.read(text)).getMessage().contains("not a RIFF/WAVE file"));
        ByteBuffer eightBit = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        eightBit.put(ascii("RIFF")).putInt(36).put(ascii("WAVE")).put(ascii("fmt ")).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(8000).putInt(8000).putShort((short) 1).putShort((short) 8)
                .put(ascii("data")).putInt(0);
        Path file = Files.write(temp.resolve("d.wav"), eightBit.array());
        assertTrue(assertThrows(IOException.class, () -> Wav.read(file)).getMessage().contains("only 16-bit PCM"));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
