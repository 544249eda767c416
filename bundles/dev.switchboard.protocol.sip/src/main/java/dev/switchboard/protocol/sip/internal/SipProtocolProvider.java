package dev.switchboard.protocol.sip.internal;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.core.spi.SessionListener;

/** The SIP plug-in: installing this bundle is what makes {@code sip} accounts work. */
@Component(service = ProtocolProvider.class, property = ProtocolProvider.PROTOCOL_PROPERTY + "=sip")
public class SipProtocolProvider implements ProtocolProvider {

    public static final String PROTOCOL = "sip";

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public void validate(Account account) {
        SipAccountSettings.of(account);
    }

    @Override
    public ProtocolSession open(Account account, char[] secret, SessionListener listener) {
        return SipSession.open(account.id(), SipAccountSettings.of(account), secret, listener);
    }
}
