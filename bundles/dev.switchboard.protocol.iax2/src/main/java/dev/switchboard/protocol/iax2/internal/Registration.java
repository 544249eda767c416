package dev.switchboard.protocol.iax2.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import dev.switchboard.core.account.RegistrationState;

/**
 * The registration of one account with its IAX2 server (RFC 5456 section 6.1), as one explicit
 * state machine run on the endpoint's loop:
 * REGREQ (with an empty CALLTOKEN; a CALLTOKEN answer restarts the dialog with the token) →
 * REGAUTH → REGREQ with the MD5 result (or the password) → REGACK, refreshed at 80 % of the
 * granted lifetime. REGREJ ends in FAILED and is not retried (no retry storm); silence ends in
 * CONNECTION_LOST and is retried every {@link #RETRY}. While registered a POKE every
 * {@link #KEEPALIVE} notices a dead server within {@code KEEPALIVE + Dialog.GIVE_UP} (12.5 s).
 * {@link #release()} sends REGREL (authenticated the same way) and waits for its REGACK.
 */
final class Registration {
    private static final Logger LOG = System.getLogger(Registration.class.getName());
    static final Duration KEEPALIVE = Duration.ofSeconds(5);
    static final Duration RETRY = Duration.ofSeconds(5);

    enum Phase {
        IDLE, REGISTERING, REGISTERED, FAILED, CONNECTION_LOST, RELEASING
    }

    private final Iax2Endpoint endpoint;
    private final Iax2Settings settings;
    private final InetSocketAddress server;
    private final char[] secret;
    private final Consumer<RegistrationState> report;
    private Phase phase = Phase.IDLE;
    private Dialog exchange;
    private ScheduledFuture<?> timer;
    /** Who waits for the REGREL exchange to end (unregister, then close). */
    private final java.util.List<Runnable> released = new java.util.ArrayList<>();
    /** Whether the server answered the current attempt at all (a CONNECTION_LOST retry reports REGISTERING then). */
    private boolean serverAnswered;

    Registration(Iax2Endpoint endpoint, Iax2Settings settings, InetSocketAddress server, char[] secret,
            Consumer<RegistrationState> report) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.server = server;
        this.secret = secret;
        this.report = report;
    }

    Phase phase() {
        return phase;
    }

    /** Starts registering (loop thread). */
    void start() {
        if (phase == Phase.REGISTERING || phase == Phase.REGISTERED) {
            return;
        }
        moveTo(Phase.REGISTERING, RegistrationState.REGISTERING);
        sendRequest(IaxCommand.REGREQ);
    }

    private void sendRequest(int command) {
        closeExchange();
        serverAnswered = false;
        exchange = endpoint.open(server, new RegistrationExchange(command));
        exchange.sendIax(command, request(command).empty(InformationElement.CALLTOKEN));
    }

    private InformationElements.Builder request(int command) {
        InformationElements.Builder elements = InformationElements.builder()
                .string(InformationElement.USERNAME, settings.user());
        if (command == IaxCommand.REGREQ) {
            elements.u16(InformationElement.REFRESH, settings.refreshSeconds());
        }
        return elements;
    }

    /** The frames of one REGREQ or REGREL exchange. */
    private final class RegistrationExchange implements DialogHandler {
        private final int command;
        private byte[] token;
        private boolean authenticated;

        RegistrationExchange(int command) {
            this.command = command;
        }

        @Override
        public boolean frame(Dialog dialog, FullFrame frame) {
            if (dialog != exchange) {
                return false;
            }
            if (!serverAnswered && phase == Phase.CONNECTION_LOST) {
                moveTo(Phase.REGISTERING, RegistrationState.REGISTERING);
            }
            serverAnswered = true;
            if (frame.frameType() != FrameType.IAX) {
                return false;
            }
            switch (frame.rawSubclass()) {
                case IaxCommand.CALLTOKEN -> {
                    token = frame.informationElements().bytes(InformationElement.CALLTOKEN).orElse(new byte[0]);
                    dialog.restart();
                    InformationElements.Builder again = request(command).bytes(InformationElement.CALLTOKEN, token);
                    dialog.sendIax(command, again);
                    return true;
                }
                case IaxCommand.REGAUTH -> {
                    if (authenticated) {
                        // a second challenge means the server did not take our answer
                        rejected(dialog, "authentication failed");
                        return false;
                    }
                    InformationElements.Builder answer = request(command);
                    var problem = Authentication.answer(frame.informationElements(), secret, answer);
                    if (problem.isPresent()) {
                        dialog.sendUnsequenced(IaxCommand.ACK, frame.timestamp());
                        rejected(dialog, problem.get());
                        return true;
                    }
                    authenticated = true;
                    dialog.sendIax(command, answer);
                    return true;
                }
                case IaxCommand.REGACK -> {
                    dialog.sendUnsequenced(IaxCommand.ACK, frame.timestamp());
                    dialog.close();
                    if (command == IaxCommand.REGREL) {
                        finishRelease();
                    } else {
                        accepted(frame.informationElements());
                    }
                    return true;
                }
                case IaxCommand.REGREJ -> {
                    dialog.sendUnsequenced(IaxCommand.ACK, frame.timestamp());
                    String cause = frame.informationElements().string(InformationElement.CAUSE).orElse("");
                    rejected(dialog, authenticated ? "authentication failed"
                            : "registration refused" + (cause.isEmpty() ? "" : ": " + cause));
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }

        @Override
        public void failed(Dialog dialog, String reason) {
            if (dialog != exchange) {
                return;
            }
            exchange = null;
            if (command == IaxCommand.REGREL) {
                finishRelease();
            } else {
                lost(reason);
            }
        }
    }

    private void accepted(InformationElements elements) {
        exchange = null;
        int granted = elements.number(InformationElement.REFRESH).map(Long::intValue).orElse(settings.refreshSeconds());
        if (phase != Phase.REGISTERED) {
            moveTo(Phase.REGISTERED, RegistrationState.REGISTERED);
        }
        cancelTimer();
        long refreshMillis = Math.max(1_000, granted * 800L);
        long started = System.nanoTime();
        keepAlive(started, refreshMillis);
    }

    /** POKEs the server until it is time to refresh, so a dead server shows within seconds. */
    private void keepAlive(long registeredAt, long refreshMillis) {
        long elapsed = Duration.ofNanos(System.nanoTime() - registeredAt).toMillis();
        long untilRefresh = refreshMillis - elapsed;
        if (untilRefresh <= KEEPALIVE.toMillis()) {
            timer = endpoint.schedule(() -> {
                if (phase == Phase.REGISTERED) {
                    sendRequest(IaxCommand.REGREQ);
                }
            }, Duration.ofMillis(Math.max(0, untilRefresh)));
            return;
        }
        timer = endpoint.schedule(() -> {
            if (phase != Phase.REGISTERED) {
                return;
            }
            Dialog poke = endpoint.open(server, new DialogHandler() {
                @Override
                public boolean frame(Dialog dialog, FullFrame frame) {
                    if (frame.isIax(IaxCommand.PONG)) {
                        dialog.sendUnsequenced(IaxCommand.ACK, frame.timestamp());
                        dialog.close();
                        return true;
                    }
                    return false;
                }

                @Override
                public void failed(Dialog dialog, String reason) {
                    if (phase == Phase.REGISTERED) {
                        lost(reason);
                    }
                }
            });
            poke.sendIax(IaxCommand.POKE, InformationElements.builder());
            keepAlive(registeredAt, refreshMillis);
        }, KEEPALIVE);
    }

    private void rejected(Dialog dialog, String reason) {
        dialog.closeWhenDelivered();
        exchange = null;
        cancelTimer();
        if (phase == Phase.RELEASING) {
            finishRelease();
            return;
        }
        LOG.log(Level.INFO, "IAX2 registration of {0} at {1} refused: {2}", settings.user(), server, reason);
        moveTo(Phase.FAILED, RegistrationState.failed(reason));
    }

    private void lost(String reason) {
        closeExchange();
        cancelTimer();
        if (phase != Phase.CONNECTION_LOST) {
            moveTo(Phase.CONNECTION_LOST, RegistrationState.connectionLost(reason));
        }
        timer = endpoint.schedule(() -> {
            if (phase == Phase.CONNECTION_LOST) {
                sendRequest(IaxCommand.REGREQ);
            }
        }, RETRY);
    }

    /**
     * Sends REGREL if registered and runs {@code done} once the server confirmed, gave up or when we
     * were not registered (loop thread).
     */
    void release(Runnable done) {
        cancelTimer();
        if (phase == Phase.RELEASING) {
            released.add(done);
            return;
        }
        if (phase != Phase.REGISTERED) {
            closeExchange();
            if (phase != Phase.IDLE) {
                moveTo(Phase.IDLE, RegistrationState.UNREGISTERED);
            }
            done.run();
            return;
        }
        released.add(done);
        phase = Phase.RELEASING;
        sendRequest(IaxCommand.REGREL);
    }

    private void finishRelease() {
        closeExchange();
        moveTo(Phase.IDLE, RegistrationState.UNREGISTERED);
        java.util.List<Runnable> waiting = java.util.List.copyOf(released);
        released.clear();
        waiting.forEach(Runnable::run);
    }

    private void moveTo(Phase next, RegistrationState state) {
        phase = next;
        report.accept(state);
    }

    private void closeExchange() {
        if (exchange != null) {
            exchange.close();
            exchange = null;
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
