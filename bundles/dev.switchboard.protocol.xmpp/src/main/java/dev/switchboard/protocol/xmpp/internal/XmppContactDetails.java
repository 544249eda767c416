package dev.switchboard.protocol.xmpp.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqlast.LastActivityManager;
import org.jivesoftware.smackx.iqlast.packet.LastActivity;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import dev.switchboard.core.presence.Avatar;
import dev.switchboard.core.presence.ContactDetails;

/**
 * A contact's avatar from its vCard (XEP-0153: the picture is the vCard's PHOTO, which Prosody also
 * offers as the XEP-0084 PEP avatar) and its idle time (XEP-0012 last activity, asked of the bare
 * address, so the server answers for an offline contact and forwards to an online one's client).
 */
final class XmppContactDetails implements ContactDetails {

    private final Supplier<XMPPTCPConnection> connection;

    XmppContactDetails(Supplier<XMPPTCPConnection> connection) {
        this.connection = connection;
    }

    @Override
    public Optional<Duration> idleTime(String contact) {
        EntityBareJid jid = jid(contact);
        try {
            LastActivity answer = LastActivityManager.getInstanceFor(connection.get()).getLastActivity(jid);
            long seconds = answer.getIdleTime();
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (XMPPException.XMPPErrorException e) {
            // the contact's side does not tell (not supported, or not subscribed to its presence)
            StanzaError.Condition condition = e.getStanzaError().getCondition();
            if (condition == StanzaError.Condition.service_unavailable
                    || condition == StanzaError.Condition.feature_not_implemented
                    || condition == StanzaError.Condition.forbidden
                    || condition == StanzaError.Condition.item_not_found) {
                return Optional.empty();
            }
            throw new IllegalStateException("last activity of " + contact + ": " + condition, e);
        } catch (SmackException e) {
            throw new IllegalStateException("last activity of " + contact + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public Optional<Avatar> avatar(String contact) {
        EntityBareJid jid = jid(contact);
        try {
            VCard card = VCardManager.getInstanceFor(connection.get()).loadVCard(jid);
            byte[] image = card.getAvatar();
            if (image == null || image.length == 0) {
                return Optional.empty();
            }
            String type = card.getAvatarMimeType();
            return Optional.of(new Avatar(type == null || type.isBlank() ? "image/png" : type, image));
        } catch (XMPPException.XMPPErrorException e) {
            if (e.getStanzaError().getCondition() == StanzaError.Condition.item_not_found) {
                return Optional.empty(); // no vCard at all
            }
            throw new IllegalStateException("avatar of " + contact + ": " + e.getStanzaError().getCondition(), e);
        } catch (SmackException e) {
            throw new IllegalStateException("avatar of " + contact + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void publishAvatar(Avatar avatar) {
        VCardManager cards = VCardManager.getInstanceFor(connection.get());
        try {
            VCard card;
            try {
                card = cards.loadVCard();
            } catch (XMPPException.XMPPErrorException e) {
                card = new VCard(); // the first vCard of this account
            }
            card.setAvatar(avatar.image(), avatar.mimeType());
            cards.saveVCard(card);
        } catch (XMPPException.XMPPErrorException e) {
            throw new IllegalStateException("the server refused the avatar: " + e.getStanzaError().getCondition(), e);
        } catch (SmackException e) {
            throw new IllegalStateException("avatar not published: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static EntityBareJid jid(String contact) {
        try {
            return JidCreate.entityBareFrom(contact);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an XMPP address: " + contact);
        }
    }
}
