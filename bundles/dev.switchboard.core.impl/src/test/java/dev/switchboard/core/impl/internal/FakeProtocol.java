package dev.switchboard.core.impl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.core.spi.SessionListener;

/** A scriptable protocol for unit tests: records what the core asked and lets the test report back. */
final class FakeProtocol implements ProtocolProvider {

    final Map<String, FakeSession> sessions = new ConcurrentHashMap<>();

    @Override
    public String protocol() {
        return "fake";
    }

    @Override
    public void validate(Account account) {
    }

    @Override
    public ProtocolSession open(Account account, char[] secret, SessionListener listener) {
        FakeSession session = new FakeSession(new String(secret), listener);
        sessions.put(account.id(), session);
        return session;
    }

    static final class FakeSession implements ProtocolSession {
        final String secretSeen;
        final SessionListener listener;
        final List<String> actions = new ArrayList<>();
        final List<FakeLeg> dialled = new ArrayList<>();

        FakeSession(String secretSeen, SessionListener listener) {
            this.secretSeen = secretSeen;
            this.listener = listener;
        }

        @Override
        public void register() {
            actions.add("register");
        }

        @Override
        public void unregister() {
            actions.add("unregister");
        }

        @Override
        public CallLeg dial(String address, CallLegListener callListener) {
            FakeLeg leg = new FakeLeg(new Participant(address, ""));
            leg.listener = callListener;
            dialled.add(leg);
            return leg;
        }

        @Override
        public <T> Optional<T> capability(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public void close() {
            actions.add("close");
        }

        /** Simulates a call arriving and returns its leg. */
        FakeLeg ring(String from) {
            FakeLeg leg = new FakeLeg(new Participant(from, "Caller"));
            leg.listener = listener.incomingCall(leg, leg.remote());
            return leg;
        }
    }

    static final class FakeLeg implements CallLeg {
        final Participant remote;
        /** Written by the call manager's timer thread too (no-answer forwarding, auto-answer). */
        final List<String> actions = new CopyOnWriteArrayList<>();
        final CountDownLatch answered = new CountDownLatch(1);
        CallLegListener listener;

        FakeLeg(Participant remote) {
            this.remote = remote;
        }

        @Override
        public Participant remote() {
            return remote;
        }

        @Override
        public Optional<String> codec() {
            return Optional.empty();
        }

        @Override
        public void answer() {
            actions.add("answer");
            answered.countDown();
        }

        @Override
        public void reject(String detail) {
            actions.add("reject " + detail);
        }

        @Override
        public void forward(String target) {
            actions.add("forward " + target);
        }

        @Override
        public void hangup() {
            actions.add("hangup");
        }

        @Override
        public <T> Optional<T> capability(Class<T> type) {
            return Optional.empty();
        }
    }
}
