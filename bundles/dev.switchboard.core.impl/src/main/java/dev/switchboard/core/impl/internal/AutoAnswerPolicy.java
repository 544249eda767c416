package dev.switchboard.core.impl.internal;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.core.policy.CallPolicy;
import dev.switchboard.core.policy.Decision;
import dev.switchboard.core.policy.ForwardingRules;
import dev.switchboard.core.policy.IncomingCall;

/**
 * With the account's {@code autoanswer} on, a call is answered without the user (after {@code autoanswer.seconds}
 * of ringing). Ranked below forwarding, DND and call waiting: a call one of them turns away is not answered.
 */
@Component(property = "service.ranking:Integer=50")
public class AutoAnswerPolicy implements CallPolicy {

    @Override
    public Decision decide(IncomingCall call) {
        return ForwardingRules.autoAnswer(call.account()).<Decision>map(Decision::answer).orElse(Decision.ring());
    }
}
