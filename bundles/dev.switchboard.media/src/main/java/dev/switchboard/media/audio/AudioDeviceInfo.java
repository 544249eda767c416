package dev.switchboard.media.audio;

import java.util.Objects;

/**
 * @param id       {@code scheme:name}, what {@link AudioDevices} opens
 * @param name     what a person sees in a device list
 * @param capture  whether it can record (a microphone)
 * @param playback whether it can play (a speaker, headset or ringer)
 */
public record AudioDeviceInfo(String id, String name, boolean capture, boolean playback) {

    public AudioDeviceInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
