package dev.switchboard.media.session;

import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

import dev.switchboard.media.dtmf.DtmfEvent;

/** What a media session reports to its call. Called from media threads: return quickly, never block. */
@ConsumerType
public interface MediaSessionListener {

    /** A key from the peer, RFC 4733 or detected in-band; once per key press however it was carried. */
    default void dtmfReceived(DtmfEvent event) {
    }

    /** No media from the peer for {@code silentFor} (the options' inactivity timeout). */
    default void inactive(Duration silentFor) {
    }

    /** A new quality summary, after each RTCP report or every few seconds. */
    default void qualityChanged(MediaQuality quality) {
    }

    /** A device failed (unplugged, file unreadable, ...); the call stays up with silence in its place. */
    default void deviceFailed(String deviceId, String reason) {
    }
}
