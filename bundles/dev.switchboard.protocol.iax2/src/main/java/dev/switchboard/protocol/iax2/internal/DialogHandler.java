package dev.switchboard.protocol.iax2.internal;

/** What one dialog (registration, call, poke) does with the frames the transport delivers in order. */
interface DialogHandler {

    /**
     * A sequenced frame, delivered once and in order.
     *
     * @return whether the handler already answered with a sequenced frame (which acknowledges it);
     *         otherwise the dialog sends an ACK
     */
    boolean frame(Dialog dialog, FullFrame frame);

    /** Voice from a mini or trunk frame; {@code timestamp} is already extended to 32 bits. */
    default void voice(Dialog dialog, long timestamp, byte[] payload) {
    }

    /** The peer stopped answering (retransmissions gave up) or disowned the call (INVAL). */
    void failed(Dialog dialog, String reason);
}
