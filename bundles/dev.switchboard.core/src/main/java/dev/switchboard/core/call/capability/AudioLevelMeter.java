package dev.switchboard.core.call.capability;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The call's live audio levels, for a front end's level meters: how loud the microphone is that we send
 * and how loud the far end is that we play. Front ends poll it about ten times a second while they show the
 * call, so implementations answer from values the media keeps anyway: cheap, from any thread, never
 * blocking on the network or a device.
 */
@ConsumerType
public interface AudioLevelMeter {

    /**
     * A level that was not measured because no audio flows that way: before the media starts, on hold (ours
     * stops both ways; the far end's stops what we play), after the call. A front end shows an empty, idle
     * meter; it is different from {@link Double#NEGATIVE_INFINITY}, measured digital silence.
     */
    double NOT_MEASURED = Double.NaN;

    /**
     * Both levels at one moment, each the RMS of the last ~100 ms of audio in dB relative to full scale
     * (dBFS): 0 is a full-scale square wave, a full-scale sine reads -3, quiet speech on a headset about
     * -40; {@link Double#NEGATIVE_INFINITY} is digital silence (a muted microphone sends silence, so it reads
     * so); {@link #NOT_MEASURED} when no audio flows that way.
     *
     * @param microphoneDbfs what we send (after mute)
     * @param speakerDbfs    what we play of the far end
     */
    record Levels(double microphoneDbfs, double speakerDbfs) {

        /** Nothing flows either way. */
        public static final Levels NONE = new Levels(NOT_MEASURED, NOT_MEASURED);

        /** Whether a level was measured (silence counts), as opposed to {@link #NOT_MEASURED}. */
        public static boolean measured(double dbfs) {
            return !Double.isNaN(dbfs);
        }
    }

    /** The levels now; {@link Levels#NONE} when the call has no audio. */
    Levels levels();
}
