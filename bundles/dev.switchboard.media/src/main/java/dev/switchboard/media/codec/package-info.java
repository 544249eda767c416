/**
 * Codec SPI of the media engine. A codec bundle registers {@link dev.switchboard.media.codec.AudioCodec}
 * services; the engine offers every registered codec, so installing a bundle is all it takes to add
 * one to SDP offers. Encoders and decoders work on caller-owned arrays so the audio path allocates
 * nothing per frame. A decoder that can rebuild a lost frame from the next packet implements
 * {@link dev.switchboard.media.codec.FecDecoder} (1.1.0).
 */
@Version("1.3.0")
package dev.switchboard.media.codec;

import org.osgi.annotation.versioning.Version;
