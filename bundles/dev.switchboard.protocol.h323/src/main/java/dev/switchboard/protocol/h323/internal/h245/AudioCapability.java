package dev.switchboard.protocol.h323.internal.h245;

import java.util.Optional;

/**
 * The H.245 AudioCapability alternatives this endpoint maps to the media engine's codecs, with the
 * static RTP payload type H.225.0 uses for each (no dynamicRTPPayloadType is signalled for them).
 */
public enum AudioCapability {
    PCMU("g711Ulaw64k", "PCMU", 0),
    PCMA("g711Alaw64k", "PCMA", 8),
    G722("g722-64k", "G722", 9),
    G729("g729AnnexA", "G729", 18);

    private final String h245Name;
    private final String encodingName;
    private final int payloadType;

    AudioCapability(String h245Name, String encodingName, int payloadType) {
        this.h245Name = h245Name;
        this.encodingName = encodingName;
        this.payloadType = payloadType;
    }

    /** The AudioCapability CHOICE alternative's name. */
    public String h245Name() {
        return h245Name;
    }

    /** The RTP encoding name, as the media engine's CodecInfo calls it. */
    public String encodingName() {
        return encodingName;
    }

    public int payloadType() {
        return payloadType;
    }

    public static Optional<AudioCapability> ofH245Name(String name) {
        for (AudioCapability c : values()) {
            if (c.h245Name.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public static Optional<AudioCapability> ofEncodingName(String name) {
        for (AudioCapability c : values()) {
            if (c.encodingName.equalsIgnoreCase(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
