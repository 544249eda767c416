package dev.switchboard.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;

/** The codec tool's iLBC file handling; the real codec against ffmpeg is in CodecToolIT. */
class IlbcStorageTest {

    @TempDir
    Path temp;

    /** Stands in for the codec: counts the frames the file handling passes it. */
    private static final class FrameCounter implements AudioCodec, Decoder {
        int frames;

        @Override
        public CodecInfo info() {
            return new CodecInfo("iLBC", 8000, 8000, 1, CodecInfo.DYNAMIC, 30, "mode=30");
        }

        @Override
        public Encoder newEncoder() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Decoder newDecoder() {
            return this;
        }

        @Override
        public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
            frames++;
            return length == 50 ? 240 : 160;
        }

        @Override
        public int conceal(short[] pcm, int pcmOffset, int samples) {
            return 0;
        }

        @Override
        public void reset() {
        }
    }

    @Test
    void namesSelectTheMode() {
        assertEquals(OptionalInt.of(30), IlbcStorage.requestedMillis("iLBC"));
        assertEquals(OptionalInt.of(30), IlbcStorage.requestedMillis("ILBC30"));
        assertEquals(OptionalInt.of(20), IlbcStorage.requestedMillis("ilbc20"));
        assertEquals(OptionalInt.empty(), IlbcStorage.requestedMillis("PCMU"));
    }

    @Test
    void decodesEveryFrameOfTheModeInTheHeader() throws Exception {
        FrameCounter codec = new FrameCounter();
        Path in = Files.write(temp.resolve("in.lbc"), file("#!iLBC20\n", 3 * 38));
        IlbcStorage.decode(codec, in, temp.resolve("out.wav"));
        assertEquals(3, codec.frames);
        assertEquals(44 + 3 * 160 * 2, Files.size(temp.resolve("out.wav")));
    }

    @Test
    void rejectsFilesWithoutTheMagicOrWithAPartialFrame() throws Exception {
        Path noMagic = Files.write(temp.resolve("raw.lbc"), new byte[100]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IlbcStorage.decode(new FrameCounter(), noMagic, temp.resolve("a.wav")));
        assertTrue(e.getMessage().contains("not an iLBC file"), e.getMessage());
        Path partial = Files.write(temp.resolve("partial.lbc"), file("#!iLBC30\n", 50 + 20));
        e = assertThrows(IllegalArgumentException.class,
                () -> IlbcStorage.decode(new FrameCounter(), partial, temp.resolve("b.wav")));
        assertTrue(e.getMessage().contains("partial frame"), e.getMessage());
    }

    private static byte[] file(String magic, int frameBytes) {
        byte[] header = magic.getBytes(StandardCharsets.US_ASCII);
        byte[] file = new byte[header.length + frameBytes];
        System.arraycopy(header, 0, file, 0, header.length);
        return file;
    }
}
