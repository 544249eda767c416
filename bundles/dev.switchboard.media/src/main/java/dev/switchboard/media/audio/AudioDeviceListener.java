package dev.switchboard.media.audio;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/** Told when devices come and go (a headset plugged in or pulled out). Called on a watcher thread: return quickly. */
@ConsumerType
public interface AudioDeviceListener {

    /**
     * @param added   devices present now that were not at the last look
     * @param removed devices gone since the last look
     */
    void devicesChanged(List<AudioDeviceInfo> added, List<AudioDeviceInfo> removed);
}
