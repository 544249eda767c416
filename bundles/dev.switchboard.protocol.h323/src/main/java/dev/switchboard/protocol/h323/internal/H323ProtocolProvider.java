package dev.switchboard.protocol.h323.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.core.spi.SessionListener;
import dev.switchboard.core.spi.SettingField;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.MediaSessionFactory;

/**
 * The H.323 protocol plug-in: accounts with {@code protocol=h323} (settings in {@link H323Settings}).
 * Call audio goes through the media engine's RTP sessions on the devices named by the account's
 * {@code audio.in}/{@code audio.out} settings, else the default devices.
 */
@Component(service = ProtocolProvider.class, property = ProtocolProvider.PROTOCOL_PROPERTY + "=h323")
public final class H323ProtocolProvider implements ProtocolProvider {
    private final MediaSessionFactory media;

    @Activate
    public H323ProtocolProvider(@Reference MediaSessionFactory media) {
        this.media = media;
    }

    @Override
    public String protocol() {
        return "h323";
    }

    @Override
    public String label() {
        return "H.323";
    }

    @Override
    public List<SettingField> settingFields() {
        return H323Settings.FIELDS;
    }

    @Override
    public void validate(Account account) {
        H323Settings.of(account);
    }

    @Override
    public ProtocolSession open(Account account, char[] secret, SessionListener listener) {
        H323Settings settings = H323Settings.of(account);
        AudioEndpoints devices = new AudioEndpoints(account.setting("audio.in").orElse(null),
                account.setting("audio.out").orElse(null));
        try {
            return new H323Session(account, secret, listener,
                    EngineCallMedia.factory(media, devices, settings.bind().getAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for H.323 calls on " + settings.bind() + ": " + e.getMessage(), e);
        }
    }
}
