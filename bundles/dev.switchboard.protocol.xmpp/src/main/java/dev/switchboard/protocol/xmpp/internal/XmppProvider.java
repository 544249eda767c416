package dev.switchboard.protocol.xmpp.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.messaging.ChatState;
import dev.switchboard.core.messaging.ChatStateListener;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.core.spi.SessionListener;
import dev.switchboard.core.spi.SettingField;
import dev.switchboard.store.Store;

/**
 * The XMPP protocol plug-in: chat, presence, roster and rooms; no calls. Incoming chat states go to
 * the {@link ChatStateListener} whiteboard directly (the core's session listener has no such event).
 */
@Component(service = ProtocolProvider.class, property = ProtocolProvider.PROTOCOL_PROPERTY + "=" + XmppProvider.PROTOCOL)
public final class XmppProvider implements ProtocolProvider {

    static final String PROTOCOL = "xmpp";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(60);
    private static final Logger LOG = System.getLogger(XmppProvider.class.getName());

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.UPDATE)
    private final List<ChatStateListener> chatStateListeners = new CopyOnWriteArrayList<>();
    private final XmppStorage storage;

    /** The store keeps each account's unacknowledged outgoing stanzas and archive position across restarts. */
    @Activate
    public XmppProvider(@Reference Store store) throws SQLException {
        this.storage = new XmppStorage(store);
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public String label() {
        return "XMPP (Jabber)";
    }

    @Override
    public List<SettingField> settingFields() {
        return XmppSettings.FIELDS;
    }

    @Override
    public void validate(Account account) {
        XmppSettings.of(account);
    }

    @Override
    public ProtocolSession open(Account account, char[] secret, SessionListener listener) {
        return new XmppSession(account, XmppSettings.of(account), secret, listener, this::chatStateChanged,
                new Backoff(FIRST_RETRY, LONGEST_RETRY), storage);
    }

    private void chatStateChanged(String accountId, String peer, ChatState state) {
        for (ChatStateListener chatStateListener : chatStateListeners) {
            try {
                chatStateListener.chatStateChanged(accountId, peer, state);
            } catch (RuntimeException e) {
                // one faulty listener must not keep the others from hearing, nor break the connection's reader
                LOG.log(Level.WARNING, "a chat state listener failed", e);
            }
        }
    }
}
