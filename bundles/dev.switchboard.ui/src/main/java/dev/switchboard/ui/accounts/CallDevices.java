package dev.switchboard.ui.accounts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.SettingField;

/**
 * Which settings of an account name the microphone and speaker of its calls, read from the fields its
 * protocol describes: the SIP plug-in calls them {@code capture}/{@code playback}, the IAX2 and H.323
 * plug-ins {@code audio.in}/{@code audio.out}. A protocol with neither (XMPP: no calls) has no call
 * devices to choose. Free of SWT.
 */
public record CallDevices(String captureKey, String playbackKey) {

    private static final List<CallDevices> KNOWN = List.of(new CallDevices("capture", "playback"),
            new CallDevices("audio.in", "audio.out"));

    /** The pair of keys the protocol's fields offer, if any. */
    public static Optional<CallDevices> of(List<SettingField> fields) {
        return KNOWN.stream()
                .filter(keys -> fields.stream().anyMatch(field -> field.key().equals(keys.captureKey()))
                        && fields.stream().anyMatch(field -> field.key().equals(keys.playbackKey())))
                .findFirst();
    }

    /** The account's microphone, empty for the system's default. */
    public String capture(Account account) {
        return account.setting(captureKey).orElse("");
    }

    /** The account's speaker, empty for the system's default. */
    public String playback(Account account) {
        return account.setting(playbackKey).orElse("");
    }

    /** The account with these devices for its calls; an empty id goes back to the system's default. */
    public Account choose(Account account, String capture, String playback) {
        return account.with(Map.of(captureKey, capture, playbackKey, playback));
    }
}
