package dev.switchboard.protocol.xmpp.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MucEnterConfiguration;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatException;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

import dev.switchboard.core.messaging.GroupChat;
import dev.switchboard.core.spi.SessionListener;

/**
 * Multi-user chat (XEP-0045). A room joined stays joined across reconnections (Smack rejoins it
 * when the stream could not be resumed). Room messages reach the core with the room as peer and
 * the occupant's nickname as sender; the server's echo of our own live messages is not reported
 * again (the core already reported them as sent).
 */
final class XmppGroupChat implements GroupChat {

    private static final int HISTORY_STANZAS = 20;
    private static final String ROOM_SECRET = "muc#roomconfig_roomsecret";
    private static final String PASSWORD_PROTECTED = "muc#roomconfig_passwordprotectedroom";

    private final String accountId;
    private final Supplier<XMPPTCPConnection> connection;
    private final SessionListener listener;
    /** Rooms whose listeners are installed; a MultiUserChat object lives as long as its connection. */
    private final Map<EntityBareJid, MultiUserChat> rooms = new ConcurrentHashMap<>();

    XmppGroupChat(String accountId, Supplier<XMPPTCPConnection> connection, SessionListener listener) {
        this.accountId = accountId;
        this.connection = connection;
        this.listener = listener;
    }

    void attach(XMPPTCPConnection created) {
        MultiUserChatManager.getInstanceFor(created).setAutoJoinOnReconnect(true);
    }

    private static EntityBareJid room(String room) {
        try {
            return JidCreate.entityBareFrom(room);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a room address (room@service): " + room);
        }
    }

    private MultiUserChat chat(EntityBareJid room) {
        return rooms.computeIfAbsent(room, address -> {
            MultiUserChat chat = MultiUserChatManager.getInstanceFor(connection.get()).getMultiUserChat(address);
            chat.addMessageListener(message -> roomMessage(chat, message));
            return chat;
        });
    }

    private void roomMessage(MultiUserChat chat, Message message) {
        if (message.getBody() == null) {
            return; // subject changes and chat states
        }
        Jid from = message.getFrom();
        String nickname = from.getResourceOrEmpty().toString();
        boolean ours = chat.getNickname() != null && nickname.equals(chat.getNickname().toString());
        boolean live = org.jivesoftware.smackx.delay.packet.DelayInformation.from(message) == null;
        if (ours && live) {
            return;
        }
        listener.messageReceived(new dev.switchboard.core.messaging.Message(XmppSession.id(message), accountId,
                chat.getRoom().toString(), !ours, nickname, message.getBody(), XmppSession.timestamp(message)));
    }

    boolean isJoined(EntityBareJid room) {
        MultiUserChat chat = rooms.get(room);
        return chat != null && chat.isJoined();
    }

    @Override
    public void join(String room, String nickname, String password) {
        EntityBareJid address = room(room);
        Resourcepart nick;
        try {
            nick = Resourcepart.from(nickname);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid nickname: " + nickname);
        }
        MultiUserChat chat = chat(address);
        if (chat.isJoined()) {
            return;
        }
        MucEnterConfiguration.Builder enter = chat.getEnterConfigurationBuilder(nick)
                .requestMaxStanzasHistory(HISTORY_STANZAS);
        if (!password.isEmpty()) {
            enter.withPassword(password);
        }
        try {
            MultiUserChat.MucCreateConfigFormHandle created = chat.createOrJoin(enter.build());
            if (created != null) {
                // we made the room: unlock it, with the password if one was given
                if (password.isEmpty()) {
                    created.makeInstant();
                } else {
                    protect(chat, password);
                }
            }
        } catch (XMPPException.XMPPErrorException e) {
            StanzaError.Condition condition = e.getStanzaError().getCondition();
            throw new IllegalStateException("cannot join " + room + ": " + switch (condition) {
                case not_authorized -> "wrong or missing password";
                case conflict -> "the nickname " + nickname + " is taken";
                case forbidden -> "banned from the room";
                case registration_required -> "members only";
                default -> condition.toString();
            });
        } catch (MultiUserChatException.NotAMucServiceException e) {
            throw new IllegalStateException("cannot join " + room + ": " + address.getDomain()
                    + " is not a multi-user chat service");
        } catch (SmackException e) {
            throw new IllegalStateException("cannot join " + room + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining " + room);
        }
    }

    /**
     * Sets the room's password through the owner's configuration form (XEP-0045 §10.2). Prosody's form has
     * only the secret field, so the "password protected" switch is set only where the form offers it.
     */
    private static void protect(MultiUserChat chat, String password)
            throws SmackException.NoResponseException, XMPPException.XMPPErrorException,
            SmackException.NotConnectedException, InterruptedException {
        FillableForm form = chat.getConfigurationForm().getFillableForm();
        if (!form.hasField(ROOM_SECRET)) {
            throw new IllegalStateException("the room service does not offer password-protected rooms");
        }
        form.setAnswer(ROOM_SECRET, password);
        if (form.hasField(PASSWORD_PROTECTED)) {
            form.setAnswer(PASSWORD_PROTECTED, true);
        }
        chat.sendConfigurationForm(form);
    }

    @Override
    public void leave(String room) {
        MultiUserChat chat = rooms.get(room(room));
        if (chat == null || !chat.isJoined()) {
            return;
        }
        try {
            chat.leave();
        } catch (SmackException | XMPPException e) {
            throw new IllegalStateException("cannot leave " + room + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while leaving " + room);
        }
    }

    @Override
    public List<String> rooms() {
        return rooms.entrySet().stream().filter(entry -> entry.getValue().isJoined())
                .map(entry -> entry.getKey().toString()).sorted().toList();
    }

    private MultiUserChat joined(String room) {
        MultiUserChat chat = rooms.get(room(room));
        if (chat == null || !chat.isJoined()) {
            throw new IllegalStateException("not in room " + room);
        }
        return chat;
    }

    @Override
    public List<String> occupants(String room) {
        return joined(room).getOccupants().stream().map(occupant -> occupant.getResourcepart().toString()).sorted()
                .toList();
    }

    @Override
    public String subject(String room) {
        String subject = joined(room).getSubject();
        return subject == null ? "" : subject;
    }

    @Override
    public void changeSubject(String room, String subject) {
        try {
            joined(room).changeSubject(subject);
        } catch (XMPPException.XMPPErrorException e) {
            throw new IllegalStateException("the room refused the subject: " + e.getStanzaError().getCondition());
        } catch (SmackException e) {
            throw new IllegalStateException("cannot change the subject of " + room + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing the subject of " + room);
        }
    }

    dev.switchboard.core.messaging.Message send(EntityBareJid room, String text) {
        MultiUserChat chat = joined(room.toString());
        try {
            var sent = chat.sendMessage(chat.buildMessage().setBody(text));
            return new dev.switchboard.core.messaging.Message(sent.getStanzaId(), accountId, room.toString(), false,
                    chat.getNickname().toString(), text, Instant.now());
        } catch (SmackException.NotConnectedException e) {
            throw new IllegalStateException("account " + accountId + " is not connected");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + room);
        }
    }
}
