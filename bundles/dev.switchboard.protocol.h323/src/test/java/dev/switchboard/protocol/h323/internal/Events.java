package dev.switchboard.protocol.h323.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.core.spi.SessionListener;

/** Listeners that queue what they are told, so tests wait on events with a timeout. */
final class Events {
    private Events() {
    }

    static <T> T poll(BlockingQueue<T> queue, String what) throws InterruptedException {
        T value = queue.poll(10, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("no " + what + " within 10 s");
        }
        return value;
    }

    static final class Session implements SessionListener {
        final BlockingQueue<RegistrationState> states = new LinkedBlockingQueue<>();
        final BlockingQueue<CallLeg> incoming = new LinkedBlockingQueue<>();
        final BlockingQueue<Participant> callers = new LinkedBlockingQueue<>();
        final Call incomingEvents = new Call();

        @Override
        public void registrationChanged(RegistrationState state) {
            states.add(state);
        }

        @Override
        public CallLegListener incomingCall(CallLeg leg, Participant caller) {
            incoming.add(leg);
            callers.add(caller);
            return incomingEvents;
        }

        @Override
        public void messageReceived(Message message) {
        }

        @Override
        public void presenceChanged(String contact, Presence presence) {
        }

        RegistrationState nextState() throws InterruptedException {
            return poll(states, "registration report");
        }

        CallLeg nextCall() throws InterruptedException {
            return poll(incoming, "incoming call");
        }
    }

    static final class Call implements CallLegListener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        final BlockingQueue<Character> digits = new LinkedBlockingQueue<>();

        @Override
        public void stateChanged(CallState state) {
            events.add(state);
        }

        @Override
        public void ended(EndReason reason) {
            events.add(reason);
        }

        @Override
        public void codecChanged(String codec) {
            events.add("codec " + codec);
        }

        @Override
        public void dtmfReceived(char digit) {
            digits.add(digit);
        }

        /** Events up to and including the first equal to {@code wanted} or the end; fails if the call ends first. */
        List<Object> until(Object wanted) throws InterruptedException {
            List<Object> seen = new ArrayList<>();
            while (true) {
                Object event = poll(events, wanted + " (seen " + seen + ")");
                seen.add(event);
                if (event.equals(wanted)) {
                    return seen;
                }
                if (event instanceof EndReason && !(wanted instanceof EndReason)) {
                    throw new AssertionError("call ended before " + wanted + ": " + seen);
                }
            }
        }

        EndReason ended() throws InterruptedException {
            while (true) {
                Object event = poll(events, "end of call");
                if (event instanceof EndReason reason) {
                    return reason;
                }
            }
        }
    }
}
