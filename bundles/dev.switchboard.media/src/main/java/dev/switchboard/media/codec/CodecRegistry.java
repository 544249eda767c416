package dev.switchboard.media.codec;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Every codec plug-in currently installed, in offer order. */
@ProviderType
public interface CodecRegistry {

    List<AudioCodec> codecs();

    /** The codec an SDP rtpmap names, e.g. {@code find("pcmu", 8000)}. */
    Optional<AudioCodec> find(String encodingName, int clockRate);
}
