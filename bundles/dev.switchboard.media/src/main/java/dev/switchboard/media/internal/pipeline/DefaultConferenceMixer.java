package dev.switchboard.media.internal.pipeline;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.ConferenceBridge;
import dev.switchboard.media.session.ConferenceMixer;

/** Creates {@link MixingBridge}s on the user's devices. */
@Component(service = ConferenceMixer.class)
public class DefaultConferenceMixer implements ConferenceMixer {

    private final AudioDevices devices;

    @Activate
    public DefaultConferenceMixer(@Reference AudioDevices devices) {
        this.devices = devices;
    }

    @Override
    public ConferenceBridge create(AudioEndpoints local) throws AudioDeviceException {
        return new MixingBridge(devices, local);
    }
}
