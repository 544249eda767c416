package dev.switchboard.core.event;

/**
 * OSGi EventAdmin topics under which the core posts every registration, call, message and
 * presence event, so that extension bundles (CRM screen pops, say) react without compiling
 * against the listener interfaces. Property values are strings unless noted.
 */
public final class EventTopics {

    /** Properties: {@link #ACCOUNT}, {@link #STATE}, {@link #REASON}, {@link #PREVIOUS_STATE}. */
    public static final String REGISTRATION = "switchboard/registration/CHANGED";
    /**
     * Properties: {@link #CALL_ID}, {@link #ACCOUNT}, {@link #STATE}, {@link #PREVIOUS_STATE} (absent
     * for a new call), {@link #DIRECTION}, {@link #PEER}, {@link #PEER_NAME}, {@link #REASON} (ended
     * calls).
     */
    public static final String CALL = "switchboard/call/CHANGED";
    /** Properties: {@link #CALL_ID}, {@link #ACCOUNT}, {@link #DIGIT}: the far end of a call sent a DTMF digit. */
    public static final String CALL_DTMF = "switchboard/call/DTMF";
    /** Properties: {@link #ACCOUNT}, {@link #PEER}, {@link #SENDER}, {@link #TEXT}, {@link #DIRECTION}. */
    public static final String MESSAGE = "switchboard/message/RECEIVED";
    /** As {@link #MESSAGE}, for messages we sent. */
    public static final String MESSAGE_SENT = "switchboard/message/SENT";
    /**
     * Properties: {@link #ACCOUNT}, {@link #PEER}, {@link #STATE} (a
     * {@link dev.switchboard.core.messaging.ChatState} name): the partner started or stopped typing, ...
     */
    public static final String CHAT_STATE = "switchboard/message/CHAT_STATE";
    /** Properties: {@link #ACCOUNT}, {@link #PEER}, {@link #STATE} (availability), {@link #NOTE}. */
    public static final String PRESENCE = "switchboard/presence/CHANGED";
    /** Every switchboard topic, for subscribers that want them all. */
    public static final String ALL = "switchboard/*";

    public static final String ACCOUNT = "account";
    public static final String CALL_ID = "call";
    public static final String STATE = "state";
    public static final String PREVIOUS_STATE = "previous";
    public static final String REASON = "reason";
    public static final String DIRECTION = "direction";
    public static final String PEER = "peer";
    public static final String PEER_NAME = "peerName";
    public static final String SENDER = "sender";
    public static final String TEXT = "text";
    public static final String NOTE = "note";
    /** A one-character string, one of {@link dev.switchboard.core.call.capability.Dtmf#DIGITS}. */
    public static final String DIGIT = "digit";

    private EventTopics() {
    }
}
