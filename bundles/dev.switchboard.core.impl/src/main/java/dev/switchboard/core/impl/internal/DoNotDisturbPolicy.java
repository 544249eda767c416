package dev.switchboard.core.impl.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.switchboard.core.policy.CallPolicy;
import dev.switchboard.core.policy.Decision;
import dev.switchboard.core.policy.IncomingCall;
import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.PresenceService;

/** While the user's availability is DND, calls are declined as busy without ringing. */
@Component(property = "service.ranking:Integer=200")
public class DoNotDisturbPolicy implements CallPolicy {

    static final String DETAIL = "do not disturb";

    private final PresenceService presence;

    @Activate
    public DoNotDisturbPolicy(@Reference PresenceService presence) {
        this.presence = presence;
    }

    @Override
    public Decision decide(IncomingCall call) {
        return presence.own().availability() == Availability.DO_NOT_DISTURB ? Decision.reject(DETAIL) : Decision.ring();
    }
}
