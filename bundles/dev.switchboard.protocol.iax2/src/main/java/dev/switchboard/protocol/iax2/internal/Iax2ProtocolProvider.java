package dev.switchboard.protocol.iax2.internal;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.core.spi.SessionListener;

/** The IAX2 protocol plug-in: accounts with {@code protocol=iax2}. */
@Component(service = ProtocolProvider.class, property = ProtocolProvider.PROTOCOL_PROPERTY + "=iax2")
public final class Iax2ProtocolProvider implements ProtocolProvider {

    @Override
    public String protocol() {
        return "iax2";
    }

    @Override
    public void validate(Account account) {
        Iax2Settings.of(account);
    }

    @Override
    public ProtocolSession open(Account account, char[] secret, SessionListener listener) {
        return new Iax2Session(account, secret, listener, MEDIA_PENDING);
    }

    private static final CallMedia.Factory MEDIA_PENDING = null;
}
