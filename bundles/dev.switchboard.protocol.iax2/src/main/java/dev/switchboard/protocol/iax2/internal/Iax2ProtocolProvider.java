package dev.switchboard.protocol.iax2.internal;

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
 * The IAX2 protocol plug-in: accounts with {@code protocol=iax2}. Call audio goes through the media
 * engine on the devices named by the account's {@code audio.in}/{@code audio.out} settings (device
 * ids such as {@code file:/tmp/in.wav}), else the default devices.
 */
@Component(service = ProtocolProvider.class, property = ProtocolProvider.PROTOCOL_PROPERTY + "=iax2")
public final class Iax2ProtocolProvider implements ProtocolProvider {

    private final MediaSessionFactory media;

    @Activate
    public Iax2ProtocolProvider(@Reference MediaSessionFactory media) {
        this.media = media;
    }

    @Override
    public String protocol() {
        return "iax2";
    }

    @Override
    public String label() {
        return "IAX2";
    }

    @Override
    public List<SettingField> settingFields() {
        return Iax2Settings.FIELDS;
    }

    @Override
    public void validate(Account account) {
        Iax2Settings.of(account);
    }

    @Override
    public ProtocolSession open(Account account, char[] secret, SessionListener listener) {
        AudioEndpoints devices = new AudioEndpoints(account.setting("audio.in").orElse(null),
                account.setting("audio.out").orElse(null));
        return new Iax2Session(account, secret, listener,
                EngineCallMedia.factory(media, devices, Iax2Settings.of(account).codecs()));
    }
}
