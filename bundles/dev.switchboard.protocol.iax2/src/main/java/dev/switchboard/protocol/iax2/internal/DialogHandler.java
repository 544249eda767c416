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

    /**
     * A datagram for this dialog that did not decrypt with its key and is not a frame in clear (a
     * caller who answered our challenge with another secret); it is dropped.
     */
    default void undecryptable(Dialog dialog) {
    }

    /** TXCNT or TXACC from the far end of a native transfer the server asked for. */
    default void transferFrame(Dialog dialog, FullFrame frame) {
    }

    /** The peer stopped answering (retransmissions gave up) or disowned the call (INVAL). */
    void failed(Dialog dialog, String reason);
}
