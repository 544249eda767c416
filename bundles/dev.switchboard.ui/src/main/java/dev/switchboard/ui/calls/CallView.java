package dev.switchboard.ui.calls;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.Direction;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.call.capability.AttendedTransfer;
import dev.switchboard.core.call.capability.AudioLevelMeter;
import dev.switchboard.core.call.capability.Conference;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.call.capability.Hold;
import dev.switchboard.core.call.capability.HookFlash;
import dev.switchboard.core.call.capability.Mute;
import dev.switchboard.core.call.capability.QualityIndicator;
import dev.switchboard.core.call.capability.QualityIndicator.Rating;
import dev.switchboard.core.call.capability.Record;
import dev.switchboard.core.call.capability.Transfer;

/**
 * One call as the window shows it, read from the live {@link Call} at one moment. The UI renders
 * only these fields; {@link #call()} is kept to act on the call (answer, hold, ...).
 *
 * @param peerLabel   the far end's name, or its address when it gave none; "Conference (n)" for several
 * @param peerAddress the first far end's address
 * @param codec       the negotiated codec, empty before media is agreed
 * @param connectedAt when the call was first connected, {@code null} before that
 * @param features    the capabilities the call offers right now
 * @param quality     the call's audio quality, {@link Rating#UNKNOWN} when its protocol measures none
 * @param qualityDetail the figures behind the rating, for a tooltip; empty when unknown
 */
public record CallView(Call call, String id, String accountId, Direction direction, CallState state,
        String peerLabel, String peerAddress, String codec, Instant createdAt, Instant connectedAt,
        Set<Feature> features, boolean muted, boolean recording, Rating quality, String qualityDetail) {

    /** The capability interfaces of {@code dev.switchboard.core.call.capability}, as flags. */
    public enum Feature {
        HOLD, MUTE, DTMF, HOOK_FLASH, TRANSFER, ATTENDED_TRANSFER, CONFERENCE, RECORD,
        /** Measures its audio quality ({@link QualityIndicator}); the row polls it with the timer. */
        QUALITY,
        /** Measures its live microphone and speaker levels ({@link AudioLevelMeter}); the row's meters poll it. */
        LEVELS
    }

    public CallView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(qualityDetail, "qualityDetail");
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
    }

    public boolean offers(Feature feature) {
        return features.contains(feature);
    }

    /** Whether the row shows level meters: the call measures levels and has been connected (idle while held). */
    public boolean showsMeters() {
        return offers(Feature.LEVELS) && connectedAt != null && state != CallState.ENDED;
    }

    /** Whether the meters are read now: audio flows, at least one way (the far end's hold still lets us talk). */
    public boolean metersLive() {
        return showsMeters() && (state == CallState.CONNECTED || state == CallState.REMOTE_HOLD);
    }

    public Optional<Instant> connected() {
        return Optional.ofNullable(connectedAt);
    }

    /**
     * The same call with the far end named as the caller identification found it (address book,
     * directory, ...); a conference keeps its "Conference (n)" label.
     */
    public CallView identifiedAs(String name) {
        if (name.isBlank() || call.participants().size() > 1) {
            return this;
        }
        return new CallView(call, id, accountId, direction, state, name, peerAddress, codec, createdAt, connectedAt,
                features, muted, recording, quality, qualityDetail);
    }

    /** Reads the call now; a capability that throws while asked is taken as not offered. */
    public static CallView of(Call call) {
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        boolean muted = false;
        boolean recording = false;
        if (call.capability(Hold.class).isPresent()) {
            features.add(Feature.HOLD);
        }
        Optional<Mute> mute = call.capability(Mute.class);
        if (mute.isPresent()) {
            features.add(Feature.MUTE);
            muted = mute.get().muted();
        }
        if (call.capability(Dtmf.class).isPresent()) {
            features.add(Feature.DTMF);
        }
        if (call.capability(HookFlash.class).isPresent()) {
            features.add(Feature.HOOK_FLASH);
        }
        if (call.capability(Transfer.class).isPresent()) {
            features.add(Feature.TRANSFER);
        }
        if (call.capability(AttendedTransfer.class).isPresent()) {
            features.add(Feature.ATTENDED_TRANSFER);
        }
        if (call.capability(Conference.class).isPresent()) {
            features.add(Feature.CONFERENCE);
        }
        Optional<Record> record = call.capability(Record.class);
        if (record.isPresent()) {
            features.add(Feature.RECORD);
            recording = record.get().recording();
        }
        if (call.capability(AudioLevelMeter.class).isPresent()) {
            features.add(Feature.LEVELS);
        }
        Rating quality = Rating.UNKNOWN;
        String qualityDetail = "";
        Optional<QualityIndicator> indicator = call.capability(QualityIndicator.class);
        if (indicator.isPresent()) {
            features.add(Feature.QUALITY);
            quality = indicator.get().rating();
            qualityDetail = indicator.get().detail();
        }
        var participants = call.participants();
        String label;
        String address;
        if (participants.isEmpty()) {
            label = "Unknown";
            address = "";
        } else if (participants.size() == 1) {
            label = participants.getFirst().label();
            address = participants.getFirst().address();
        } else {
            label = "Conference (" + participants.size() + ")";
            address = participants.stream().map(Participant::label).reduce((a, b) -> a + ", " + b).orElse("");
        }
        return new CallView(call, call.id(), call.accountId(), call.direction(), call.state(), label, address,
                call.codec().orElse(""), call.createdAt(), call.connectedAt().orElse(null), features, muted, recording,
                quality, qualityDetail);
    }
}
