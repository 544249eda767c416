package dev.switchboard.core.impl.internal;

import java.util.Optional;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.core.spi.SessionListener;

/**
 * A protocol registered as a real OSGi service in the in-framework tests: it registers at once and
 * its calls are answered at once, so the tests exercise DS wiring and EventAdmin, not a protocol.
 */
final class LoopbackProtocol implements ProtocolProvider {

    volatile SessionListener lastListener;

    @Override
    public String protocol() {
        return "loopback";
    }

    @Override
    public void validate(Account account) {
    }

    @Override
    public ProtocolSession open(Account account, char[] secret, SessionListener listener) {
        lastListener = listener;
        return new ProtocolSession() {
            @Override
            public void register() {
                listener.registrationChanged(RegistrationState.REGISTERED);
            }

            @Override
            public void unregister() {
                listener.registrationChanged(RegistrationState.UNREGISTERED);
            }

            @Override
            public CallLeg dial(String address, CallLegListener callListener) {
                Thread.ofPlatform().start(() -> {
                    callListener.stateChanged(CallState.RINGING_OUT);
                    callListener.codecChanged("PCMU/8000");
                    callListener.stateChanged(CallState.CONNECTED);
                });
                return new Leg(new Participant(address, "Loop"));
            }

            @Override
            public <T> Optional<T> capability(Class<T> type) {
                return Optional.empty();
            }

            @Override
            public void close() {
            }
        };
    }

    record Leg(Participant remote) implements CallLeg {
        @Override
        public Optional<String> codec() {
            return Optional.empty();
        }

        @Override
        public void answer() {
        }

        @Override
        public void reject(String detail) {
        }

        @Override
        public void forward(String target) {
        }

        @Override
        public void hangup() {
        }

        @Override
        public <T> Optional<T> capability(Class<T> type) {
            return Optional.empty();
        }
    }
}
