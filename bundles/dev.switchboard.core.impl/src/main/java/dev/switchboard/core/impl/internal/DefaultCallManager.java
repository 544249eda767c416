package dev.switchboard.core.impl.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallListener;
import dev.switchboard.core.call.CallManager;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.Direction;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.policy.CallPolicy;
import dev.switchboard.core.policy.Decision;
import dev.switchboard.core.policy.ForwardingRules;
import dev.switchboard.core.policy.IncomingCall;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.core.spi.ProtocolSession;

/**
 * Owns every call of every protocol. Incoming calls pass the {@link CallPolicy} services (highest
 * ranking first) before they ring; a call that rings unanswered is forwarded when the account's
 * no-answer rule says so, or answered by the call manager when a policy (auto-answer) says so.
 * Calls that a policy turned away still appear, already ended, so history and CRM bundles see
 * every call that arrived.
 */
@Component(service = CallManager.class)
public class DefaultCallManager implements CallManager, SessionEvents {

    private static final Logger LOG = System.getLogger(DefaultCallManager.class.getName());
    private static final int ENDED_CALLS_KEPT = 100;

    private final SessionHub hub;
    private final AccountRegistry accounts;
    private final RegistrationManager registrations;
    private final Clock clock;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<String, ManagedCall> active = new ConcurrentSkipListMap<>(
            Comparator.comparingLong((String id) -> Long.parseLong(id.substring(1))));
    private final Map<String, ManagedCall> recentlyEnded = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ManagedCall> eldest) {
            return size() > ENDED_CALLS_KEPT;
        }
    };
    private final List<CallListener> listeners = new CopyOnWriteArrayList<>();
    private volatile List<RankedPolicy> policies = List.of();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("switchboard-call-timers").factory());

    private record RankedPolicy(CallPolicy policy, int ranking) {
    }

    @Activate
    public DefaultCallManager(@Reference SessionHub hub, @Reference AccountRegistry accounts,
            @Reference RegistrationManager registrations) {
        this(hub, accounts, registrations, Clock.systemUTC());
    }

    DefaultCallManager(SessionHub hub, AccountRegistry accounts, RegistrationManager registrations, Clock clock) {
        this.hub = hub;
        this.accounts = accounts;
        this.registrations = registrations;
        this.clock = clock;
        hub.addSink(this);
    }

    @Deactivate
    void deactivate() {
        hub.removeSink(this);
        timers.shutdownNow();
        for (ManagedCall call : List.copyOf(active.values())) {
            call.hangup();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(CallListener listener) {
        listeners.add(listener);
    }

    void removeListener(CallListener listener) {
        listeners.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addPolicy(CallPolicy policy, Map<String, Object> properties) {
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer value ? value : 0;
        List<RankedPolicy> sorted = new ArrayList<>(policies);
        sorted.add(new RankedPolicy(policy, ranking));
        sorted.sort(Comparator.comparingInt(RankedPolicy::ranking).reversed());
        policies = List.copyOf(sorted);
    }

    synchronized void removePolicy(CallPolicy policy) {
        policies = policies.stream().filter(ranked -> ranked.policy() != policy).toList();
    }

    @Override
    public Call dial(String accountId, String address) {
        Account account = accounts.account(accountId)
                .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("no address to dial");
        }
        RegistrationState registration = registrations.state(accountId);
        if (registration.kind() != RegistrationState.Kind.REGISTERED) {
            throw new IllegalStateException("account " + accountId + " is not registered (" + registration + ")");
        }
        ProtocolSession session = hub.session(account);
        String target = address.strip();
        ManagedCall call = newCall(account, Direction.OUTGOING, new Participant(target, ""));
        // announced before the protocol runs, so no report of the leg can overtake the call's first event
        active.put(call.id(), call);
        announce(call, null);
        try {
            call.attach(session.dial(target, call));
        } catch (RuntimeException e) {
            call.ended(new EndReason(EndReason.Kind.FAILED, String.valueOf(e.getMessage())));
            throw e;
        }
        return call;
    }

    @Override
    public List<Call> calls() {
        return List.copyOf(active.values());
    }

    @Override
    public Optional<Call> call(String id) {
        ManagedCall call = active.get(id);
        if (call != null) {
            return Optional.of(call);
        }
        synchronized (recentlyEnded) {
            return Optional.ofNullable(recentlyEnded.get(id));
        }
    }

    @Override
    public CallLegListener incomingCall(Account account, CallLeg leg, Participant caller) {
        ManagedCall call = newCall(account, Direction.INCOMING, caller);
        call.attach(leg);
        Decision decision = decide(new IncomingCall(account, caller, establishedCalls()));
        active.put(call.id(), call);
        announce(call, null);
        switch (decision) {
            case Decision.Reject reject -> {
                LOG.log(Level.INFO, "call {0} from {1} declined: {2}", call.id(), caller.address(), reject.detail());
                leg.reject(reject.detail());
                call.ended(new EndReason(EndReason.Kind.REJECTED, reject.detail()));
            }
            case Decision.Forward forward -> forward(call, forward.target());
            case Decision.Answer answer -> scheduleAnswer(call, answer);
            case Decision.Ring ring -> scheduleNoAnswerForwarding(account, call);
        }
        return call;
    }

    private Decision decide(IncomingCall incoming) {
        for (RankedPolicy ranked : policies) {
            Decision decision;
            try {
                decision = ranked.policy().decide(incoming);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "call policy " + ranked.policy().getClass().getName() + " failed; ignored", e);
                continue;
            }
            if (!(decision instanceof Decision.Ring)) {
                return decision;
            }
        }
        return Decision.ring();
    }

    private void scheduleNoAnswerForwarding(Account account, ManagedCall call) {
        ForwardingRules rules = ForwardingRules.of(account);
        rules.noAnswer().ifPresent(target -> timers.schedule(() -> {
            if (call.state() == CallState.RINGING_IN) {
                forward(call, target);
            }
        }, rules.noAnswerDelay().toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Answers from the timer thread, never inside {@link #incomingCall}: the protocol has not yet taken the call's
     * listener there, and may answer only once it has sent what a ringing call sends.
     */
    private void scheduleAnswer(ManagedCall call, Decision.Answer answer) {
        timers.schedule(() -> {
            if (call.state() != CallState.RINGING_IN) {
                return;
            }
            LOG.log(Level.INFO, "call {0} answered automatically", call.id());
            try {
                call.answer();
            } catch (RuntimeException e) {
                // answered, declined or ended by the user or the caller in the meantime
                LOG.log(Level.INFO, "call {0} not answered automatically: {1}", call.id(), e.getMessage());
            }
        }, answer.after().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void forward(ManagedCall call, String target) {
        LOG.log(Level.INFO, "call {0} forwarded to {1}", call.id(), target);
        call.leg().forward(target);
        call.ended(new EndReason(EndReason.Kind.FORWARDED, target));
    }

    private int establishedCalls() {
        return (int) active.values().stream().filter(call -> call.state().isEstablished()).count();
    }

    private ManagedCall newCall(Account account, Direction direction, Participant remote) {
        return new ManagedCall("c" + nextId.getAndIncrement(), account.id(), direction, remote, clock, this::announce,
                this::announceDtmf);
    }

    private void announceDtmf(ManagedCall call, char digit) {
        for (CallListener listener : listeners) {
            try {
                listener.dtmfReceived(call, digit);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "call listener " + listener.getClass().getName() + " failed", e);
            }
        }
    }

    private void announce(ManagedCall call, CallState previous) {
        if (call.state() == CallState.ENDED) {
            active.remove(call.id());
            synchronized (recentlyEnded) {
                recentlyEnded.put(call.id(), call);
            }
        }
        for (CallListener listener : listeners) {
            try {
                listener.callChanged(call, previous);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "call listener " + listener.getClass().getName() + " failed", e);
            }
        }
    }
}
