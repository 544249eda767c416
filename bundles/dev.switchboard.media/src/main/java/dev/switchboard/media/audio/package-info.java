/**
 * Audio devices of the media engine: a provider per kind (Java Sound, WAV files, null) registered as
 * DS services, and one {@link dev.switchboard.media.audio.AudioDevices} service that opens capture
 * and playback streams by device id ({@code scheme:name}, e.g. {@code javasound:default},
 * {@code file:/tmp/in.wav}, {@code null:}) at the rate a codec needs, resampling where the device
 * cannot run at that rate, and reports devices coming and going to an
 * {@link dev.switchboard.media.audio.AudioDeviceListener}.
 *
 * <p>1.3.0 adds {@link dev.switchboard.media.audio.AudioLoopTest.LevelWatcher}: the test call's live levels.
 */
@Version("1.3.0")
package dev.switchboard.media.audio;

import org.osgi.annotation.versioning.Version;
