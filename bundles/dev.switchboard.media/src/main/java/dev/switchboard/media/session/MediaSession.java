package dev.switchboard.media.session;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.dtmf.DtmfEvent;

/**
 * The audio of one call, whatever carries it. Audio flows once a {@link #format(MediaFormat) format} is
 * set; until then the session holds its devices but sends and plays nothing. Methods are thread-safe;
 * none of them blocks on the network.
 */
@ProviderType
public interface MediaSession extends AutoCloseable {

    /**
     * Starts or changes the format. A change mid-call (re-INVITE, new codec or payload type) swaps the
     * encoder and decoder between two frames without dropping audio.
     */
    void format(MediaFormat format);

    /** The current format, empty before the first {@link #format(MediaFormat)}. */
    Optional<MediaFormat> format();

    /** Hold and resume: stops sending and/or playing as the direction says. */
    void direction(MediaDirection direction);

    MediaDirection direction();

    /** While muted the session sends silence frames, or nothing where the protocol allows DTX. */
    void mute(boolean muted);

    boolean muted();

    /**
     * Sends one key (or {@link DtmfEvent#FLASH hook flash}) lasting {@code duration}: RFC 4733 when the
     * format has a telephone-event payload type, else the protocol's own signalling (framed sessions,
     * see {@link VoiceFrameSink#sendDtmf}), else in-band tones. Hook flash is never sent in-band.
     */
    void sendDtmf(DtmfEvent event, Duration duration);

    /**
     * Switches devices during the call without dropping it.
     *
     * @throws AudioDeviceException if a new device cannot be opened; the call keeps its old devices then
     */
    void endpoints(AudioEndpoints endpoints) throws AudioDeviceException;

    /** The devices now in use (as given; null for default). */
    AudioEndpoints endpoints();

    AudioLevels levels();

    /**
     * {@link #levels()} for the ways audio flows now, for a call's meters: a way that does not flow (hold) reads
     * {@link Double#NaN}, both ways before the first {@link #format(MediaFormat) format}.
     */
    default AudioLevels flowingLevels() {
        if (format().isEmpty()) {
            return AudioLevels.NOT_FLOWING;
        }
        MediaDirection flowing = direction();
        AudioLevels measured = levels();
        return new AudioLevels(flowing.sends() ? measured.microphoneDbfs() : Double.NaN,
                flowing.receives() ? measured.speakerDbfs() : Double.NaN);
    }

    MediaQuality quality();

    /**
     * Starts recording this call to a 16-bit PCM WAV: {@link RecordingMode#MIXED mixed mono}, or stereo
     * with us left and the peer right. A recording already running is stopped first.
     */
    void startRecording(Path wav, RecordingMode mode) throws IOException;

    /** Stops recording and completes the WAV header; nothing if not recording. */
    void stopRecording();

    boolean recording();

    /** Plays a tone locally into this call's playback (call-waiting beep, DTMF feedback); the peer does not hear it. */
    void playLocalTone(Tone tone);

    /** Ends the session; idempotent. Releases devices and sockets and completes a running recording. */
    @Override
    void close();
}
