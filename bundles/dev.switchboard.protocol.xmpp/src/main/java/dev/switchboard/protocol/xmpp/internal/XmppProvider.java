package dev.switchboard.protocol.xmpp.internal;

import java.time.Duration;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.core.spi.SessionListener;
import dev.switchboard.core.spi.SettingField;

/** The XMPP protocol plug-in: chat, presence, roster and rooms; no calls. */
@Component(service = ProtocolProvider.class, property = ProtocolProvider.PROTOCOL_PROPERTY + "=" + XmppProvider.PROTOCOL)
public final class XmppProvider implements ProtocolProvider {

    static final String PROTOCOL = "xmpp";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(60);

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
        return new XmppSession(account, XmppSettings.of(account), secret, listener,
                new Backoff(FIRST_RETRY, LONGEST_RETRY));
    }
}
