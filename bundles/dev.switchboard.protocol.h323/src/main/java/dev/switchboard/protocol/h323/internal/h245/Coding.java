package dev.switchboard.protocol.h323.internal.h245;

/**
 * How one direction of a call carries its codec: H.245 lets each logical channel name its own dynamic
 * RTP payload type (H2250LogicalChannelParameters dynamicRTPPayloadType) and, for iLBC, its frame
 * length (H.245 Annex S mode parameter), so the two directions of a call may differ in both.
 *
 * @param codec        the codec
 * @param payloadType  the RTP payload type the channel's sender uses
 * @param packetMillis audio per packet: iLBC one frame of its mode (20 or 30 ms), the others
 *                     {@link H245Messages#PACKET_MILLIS}
 */
public record Coding(AudioCapability codec, int payloadType, int packetMillis) {

    /** Our own way: the codec's payload type (97 for iLBC), iLBC in 30 ms frames, the others in 20 ms packets. */
    public static Coding of(AudioCapability codec) {
        return new Coding(codec, codec.payloadType(),
                codec == AudioCapability.ILBC ? H245Messages.ILBC_MODE_MILLIS : H245Messages.PACKET_MILLIS);
    }

    /** iLBC in the 20 ms mode when {@code ilbcMode} asks for it, else our own way. */
    public static Coding of(AudioCapability codec, int payloadType, int ilbcMode) {
        Coding ours = of(codec);
        int packet = codec == AudioCapability.ILBC && ilbcMode == H245Messages.ILBC_SHORT_MODE_MILLIS ? ilbcMode
                : ours.packetMillis();
        return new Coding(codec, payloadType, packet);
    }
}
