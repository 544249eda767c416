package dev.switchboard.protocol.sip.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.core.spi.SessionListener;
import dev.switchboard.core.spi.SettingField;
import dev.switchboard.media.session.ConferenceMixer;
import dev.switchboard.media.session.MediaSessionFactory;

/** The SIP plug-in: installing this bundle is what makes {@code sip} accounts work. */
@Component(service = ProtocolProvider.class, property = ProtocolProvider.PROTOCOL_PROPERTY + "=sip")
public class SipProtocolProvider implements ProtocolProvider {

    public static final String PROTOCOL = "sip";

    /** Calls need the media engine; registration does not, so the plug-in runs without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MediaSessionFactory media;

    /** Local conferences need the media engine's mixer; calls work without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConferenceMixer mixer;

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public String label() {
        return "SIP";
    }

    @Override
    public List<SettingField> settingFields() {
        return SipAccountSettings.FIELDS;
    }

    @Override
    public void validate(Account account) {
        SipAccountSettings.of(account);
    }

    @Override
    public ProtocolSession open(Account account, char[] secret, SessionListener listener) {
        return SipSession.open(account.id(), SipAccountSettings.of(account), secret, listener, () -> media,
                () -> mixer);
    }
}
