package dev.switchboard.protocol.xmpp.internal;

import org.jivesoftware.smackx.chatstates.ChatState;

/** The core's chat states and XEP-0085's, one to one. */
final class XmppChatStates {

    private XmppChatStates() {
    }

    static ChatState toXmpp(dev.switchboard.core.messaging.ChatState state) {
        return switch (state) {
            case ACTIVE -> ChatState.active;
            case COMPOSING -> ChatState.composing;
            case PAUSED -> ChatState.paused;
            case INACTIVE -> ChatState.inactive;
            case GONE -> ChatState.gone;
        };
    }

    static dev.switchboard.core.messaging.ChatState fromXmpp(ChatState state) {
        return switch (state) {
            case active -> dev.switchboard.core.messaging.ChatState.ACTIVE;
            case composing -> dev.switchboard.core.messaging.ChatState.COMPOSING;
            case paused -> dev.switchboard.core.messaging.ChatState.PAUSED;
            case inactive -> dev.switchboard.core.messaging.ChatState.INACTIVE;
            case gone -> dev.switchboard.core.messaging.ChatState.GONE;
        };
    }
}
