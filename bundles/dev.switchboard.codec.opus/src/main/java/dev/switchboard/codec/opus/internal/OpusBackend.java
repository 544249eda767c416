package dev.switchboard.codec.opus.internal;

/** An Opus implementation: the system's libopus, or Concentus in pure Java. */
public interface OpusBackend {

    /** Names the implementation for the log, e.g. {@code libopus 1.3.1 (system, FFM)}. */
    String description();

    /**
     * @param sampleRate  8000, 12000, 16000, 24000 or 48000
     * @param pcmChannels channels of the PCM the encoder takes (1, or 2 interleaved)
     */
    OpusStreamEncoder newEncoder(int sampleRate, int pcmChannels, OpusEncoderSettings settings);

    /** A decoder giving 48 kHz PCM with {@code pcmChannels} channels, whatever the packets carry. */
    OpusStreamDecoder newDecoder(int pcmChannels);
}
