/**
 * Measures of what a call played against what was sent into it, for speech tests of every protocol:
 * segmental SNR after per-block alignment (for waveform codecs) and the correlation of loudness envelopes
 * (for codecs such as Opus that do not keep the waveform).
 */
package dev.switchboard.testing.audio;
