package dev.switchboard.core.impl.internal;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.core.policy.CallPolicy;
import dev.switchboard.core.policy.Decision;
import dev.switchboard.core.policy.ForwardingRules;
import dev.switchboard.core.policy.IncomingCall;

/**
 * "Forward always" outranks DND (the user asked for the calls to go elsewhere, not to be lost);
 * "forward when busy" applies only while another call is established. No-answer forwarding is a
 * timer in the call manager, since it decides after ringing, not before.
 */
@Component(property = "service.ranking:Integer=300")
public class ForwardingPolicy implements CallPolicy {

    @Override
    public Decision decide(IncomingCall call) {
        ForwardingRules rules = ForwardingRules.of(call.account());
        if (rules.always().isPresent()) {
            return Decision.forward(rules.always().get());
        }
        if (call.establishedCalls() > 0 && rules.busy().isPresent()) {
            return Decision.forward(rules.busy().get());
        }
        return Decision.ring();
    }
}
