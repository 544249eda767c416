package dev.switchboard.core.impl.internal;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.core.policy.CallPolicy;
import dev.switchboard.core.policy.Decision;
import dev.switchboard.core.policy.ForwardingRules;
import dev.switchboard.core.policy.IncomingCall;

/** With call waiting switched off for the account, a second call is declined as busy. */
@Component(property = "service.ranking:Integer=100")
public class CallWaitingPolicy implements CallPolicy {

    static final String DETAIL = "busy (call waiting off)";

    @Override
    public Decision decide(IncomingCall call) {
        if (call.establishedCalls() > 0 && !ForwardingRules.callWaiting(call.account())) {
            return Decision.reject(DETAIL);
        }
        return Decision.ring();
    }
}
