package dev.switchboard.codec.opus.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.switchboard.codec.opus.OggOpusFiles.DecodedAudio;

/** Ogg Opus files (RFC 7845, channel mapping family 0) written and read with one {@link OpusBackend}. */
final class OggOpus {

    private static final int OUTPUT_RATE = 48_000;
    private static final int FRAME_MILLIS = 20;
    /** One second of 20 ms packets per page: RFC 7845 asks for pages of at most about a second. */
    private static final int PACKETS_PER_PAGE = 50;
    private static final byte[] HEAD_MAGIC = "OpusHead".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAGS_MAGIC = "OpusTags".getBytes(StandardCharsets.US_ASCII);

    private final OpusBackend backend;
    private final OpusEncoderSettings settings;

    OggOpus(OpusBackend backend, OpusEncoderSettings settings) {
        this.backend = backend;
        this.settings = settings;
    }

    void write(Path file, int sampleRate, int channels, short[] pcm) throws IOException {
        if (Arrays.stream(dev.switchboard.codec.opus.OggOpusFiles.INPUT_RATES).noneMatch(rate -> rate == sampleRate)) {
            throw new IllegalArgumentException("Opus encodes 8, 12, 16, 24 or 48 kHz, not " + sampleRate + " Hz");
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("Opus files here are mono or stereo, not " + channels + " channels");
        }
        OpusStreamEncoder encoder = backend.newEncoder(sampleRate, channels, settings.forChannels(channels));
        int scale = OUTPUT_RATE / sampleRate;
        int preSkip = encoder.lookahead() * scale;
        long inputFrames = pcm.length / channels;
        int frame = sampleRate * FRAME_MILLIS / 1000;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            OggPageWriter pages = new OggPageWriter(out, (int) System.nanoTime());
            byte[] head = head(channels, preSkip, sampleRate);
            pages.add(head, head.length);
            pages.flush(0, false);
            byte[] tags = tags(backend.description());
            pages.add(tags, tags.length);
            pages.flush(0, false);
            // encode until the output covers the input plus the encoder's delay, padding with silence
            long endGranule = preSkip + inputFrames * scale;
            short[] block = new short[frame * channels];
            byte[] packet = new byte[LibOpusEncoder.MAX_PACKET_BYTES];
            long granule = 0;
            int packetsOnPage = 0;
            for (long position = 0; granule < endGranule; position += frame) {
                Arrays.fill(block, (short) 0);
                long available = Math.min(frame, inputFrames - position);
                if (available > 0) {
                    System.arraycopy(pcm, (int) (position * channels), block, 0, (int) available * channels);
                }
                int bytes = encoder.encode(block, 0, block.length, packet, 0);
                if (!pages.fits(bytes)) {
                    pages.flush(granule, false);
                    packetsOnPage = 0;
                }
                pages.add(packet, bytes);
                granule += (long) frame * scale;
                if (++packetsOnPage == PACKETS_PER_PAGE && granule < endGranule) {
                    pages.flush(granule, false);
                    packetsOnPage = 0;
                }
            }
            // the last page's granule position trims the padding (RFC 7845 section 4.4)
            pages.flush(endGranule, true);
        }
    }

    DecodedAudio read(Path file) throws IOException {
        OggPacketReader packets = new OggPacketReader(Files.readAllBytes(file));
        byte[] head = packets.next();
        if (head == null || head.length < 19 || !Arrays.equals(head, 0, 8, HEAD_MAGIC, 0, 8)) {
            throw new IOException(file + " is not an Ogg Opus file (its first packet is no OpusHead)");
        }
        ByteBuffer fields = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int version = head[8] & 0xFF;
        int channels = head[9] & 0xFF;
        int preSkip = fields.getShort(10) & 0xFFFF;
        int gainQ8 = fields.getShort(16);
        int mappingFamily = head[18] & 0xFF;
        if (version >> 4 != 0) {
            throw new IOException(file + ": OpusHead version " + version + " is not one RFC 7845 readers understand");
        }
        if (mappingFamily != 0 || channels < 1 || channels > 2) {
            throw new IOException(file + ": channel mapping family " + mappingFamily + " with " + channels
                    + " channels is not supported (only mono and stereo, family 0)");
        }
        byte[] tags = packets.next();
        if (tags == null || tags.length < 8 || !Arrays.equals(tags, 0, 8, TAGS_MAGIC, 0, 8)) {
            throw new IOException(file + ": the second packet is no OpusTags");
        }
        OpusStreamDecoder decoder = backend.newDecoder(channels);
        short[] frame = new short[OpusStreamDecoder.MAX_FRAME_SAMPLES * channels];
        short[] pcm = new short[OUTPUT_RATE * channels];
        int length = 0;
        for (byte[] packet = packets.next(); packet != null; packet = packets.next()) {
            int samples = decoder.decode(packet, 0, packet.length, frame, 0);
            if (length + samples > pcm.length) {
                pcm = Arrays.copyOf(pcm, Math.max(pcm.length * 2, length + samples));
            }
            System.arraycopy(frame, 0, pcm, length, samples);
            length += samples;
        }
        long lastGranule = packets.granulePosition();
        long keep = Math.max(0, Math.min((long) length / channels, lastGranule) - preSkip);
        short[] audio = Arrays.copyOfRange(pcm, Math.min(length, preSkip * channels), (int) (Math.min(length, preSkip * channels) + keep * channels));
        if (gainQ8 != 0) {
            applyGain(audio, gainQ8);
        }
        return new DecodedAudio(channels, audio);
    }

    private static void applyGain(short[] pcm, int gainQ8) {
        double factor = Math.pow(10, gainQ8 / (20.0 * 256));
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(pcm[i] * factor)));
        }
    }

    private static byte[] head(int channels, int preSkip, int inputRate) {
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put(HEAD_MAGIC).put((byte) 1).put((byte) channels).putShort((short) preSkip).putInt(inputRate)
                .putShort((short) 0).put((byte) 0);
        return head.array();
    }

    private static byte[] tags(String vendor) {
        byte[] vendorBytes = ("Switchboard, " + vendor).getBytes(StandardCharsets.UTF_8);
        ByteBuffer tags = ByteBuffer.allocate(8 + 4 + vendorBytes.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        tags.put(TAGS_MAGIC).putInt(vendorBytes.length).put(vendorBytes).putInt(0);
        return tags.array();
    }
}
