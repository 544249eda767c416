package dev.switchboard.protocol.h323.internal.h245;

import java.util.Optional;

import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.ObjectIdentifier;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;

/**
 * The H.245 AudioCapability alternatives this endpoint maps to the media engine's codecs, with the RTP
 * payload type of each: H.225.0's static one for the ITU codecs (no dynamicRTPPayloadType is signalled
 * for them), and for iLBC, which has no static type, the dynamic one our channels name in their
 * H2250LogicalChannelParameters.
 */
public enum AudioCapability {
    PCMU("g711Ulaw64k", "PCMU", 0),
    PCMA("g711Alaw64k", "PCMA", 8),
    G722("g722-64k", "G722", 9),
    G729("g729AnnexA", "G729", 18),
    /**
     * iLBC as H.245 Annex S defines it: a genericAudioCapability with {@link #ILBC_IDENTIFIER}; the
     * identifier h323plus and OPAL send and Wireshark names "ilbc".
     */
    ILBC("genericAudioCapability", "iLBC", 97);

    /** H.245 Annex S: {itu-t(0) recommendation(0) h(8) 245 generic-capabilities(1) audio(1) iLBC(11)}. */
    public static final ObjectIdentifier ILBC_IDENTIFIER = ObjectIdentifier.parse("0.0.8.245.1.1.11");

    private static final String GENERIC = "genericAudioCapability"; // ILBC's h245Name

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

    /** Whether RTP carries this codec with a dynamic payload type, named in each logical channel. */
    public boolean dynamicPayloadType() {
        return payloadType >= 96;
    }

    /**
     * The codec of an H.245 AudioCapability value: the ITU alternatives by name, a genericAudioCapability
     * by its capabilityIdentifier (only iLBC's is known here).
     */
    public static Optional<AudioCapability> of(ChoiceValue audioCapability) {
        String name = audioCapability.name();
        if (GENERIC.equals(name)) {
            Object identifier = ((SequenceValue) audioCapability.value()).getChoice("capabilityIdentifier").value();
            return ILBC_IDENTIFIER.equals(identifier) ? Optional.of(ILBC) : Optional.empty();
        }
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
