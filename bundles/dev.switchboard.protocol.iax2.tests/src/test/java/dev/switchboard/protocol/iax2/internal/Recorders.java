package dev.switchboard.protocol.iax2.internal;

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

/** Listeners for tests that queue what they are told, so a test waits on events with a timeout. */
final class Recorders {

    private Recorders() {
    }

    static final class Session implements SessionListener {
        final BlockingQueue<RegistrationState> states = new LinkedBlockingQueue<>();
        final BlockingQueue<CallLeg> incoming = new LinkedBlockingQueue<>();
        final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        final Call incomingListener = new Call();

        @Override
        public void registrationChanged(RegistrationState state) {
            states.add(state);
        }

        @Override
        public CallLegListener incomingCall(CallLeg leg, Participant caller) {
            incoming.add(leg);
            return incomingListener;
        }

        @Override
        public void messageReceived(Message message) {
            messages.add(message);
        }

        @Override
        public void presenceChanged(String contact, Presence presence) {
        }

        RegistrationState next() throws InterruptedException {
            RegistrationState state = states.poll(20, TimeUnit.SECONDS);
            if (state == null) {
                throw new AssertionError("no registration report within 20 s");
            }
            return state;
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
            events.add("dtmf " + digit);
            digits.add(digit);
        }

        /** The next {@code count} digits the far end sent, waiting up to 10 s for each. */
        String digits(int count) throws InterruptedException {
            StringBuilder text = new StringBuilder();
            while (text.length() < count) {
                Character digit = digits.poll(10, TimeUnit.SECONDS);
                if (digit == null) {
                    throw new AssertionError("only the digits '" + text + "' arrived, " + count + " awaited");
                }
                text.append(digit);
            }
            return text.toString();
        }

        /** The next state or end reason, skipping codec reports. */
        Object next() throws InterruptedException {
            while (true) {
                Object event = events.poll(20, TimeUnit.SECONDS);
                if (event == null) {
                    throw new AssertionError("no call event within 20 s");
                }
                if (!(event instanceof String)) {
                    return event;
                }
            }
        }

        /** Waits for {@code state}, returning the states passed on the way. */
        List<Object> until(Object state) throws InterruptedException {
            java.util.ArrayList<Object> seen = new java.util.ArrayList<>();
            while (true) {
                Object event = next();
                seen.add(event);
                if (event.equals(state) || event instanceof EndReason && !(state instanceof EndReason)) {
                    return seen;
                }
            }
        }
    }
}
