package dev.switchboard.core.impl.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.core.IllegalTransitionException;
import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountListener;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationListener;
import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.account.RegistrationStateMachine;

/**
 * Drives each account's {@link RegistrationStateMachine} from what its protocol session reports.
 * A report equal to the current state (a refresh, a retry that is still retrying) is no transition;
 * a report the machine does not allow is logged as the adapter bug it is and not applied.
 */
@Component(service = RegistrationManager.class)
public class DefaultRegistrationManager implements RegistrationManager, SessionEvents, AccountListener {

    private static final Logger LOG = System.getLogger(DefaultRegistrationManager.class.getName());

    private final SessionHub hub;
    private final AccountRegistry accounts;
    private final Map<String, RegistrationStateMachine> machines = new ConcurrentHashMap<>();
    private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public DefaultRegistrationManager(@Reference SessionHub hub, @Reference AccountRegistry accounts) {
        this.hub = hub;
        this.accounts = accounts;
        hub.addSink(this);
        accounts.addListener(this);
    }

    @Deactivate
    void deactivate() {
        accounts.removeListener(this);
        hub.removeSink(this);
        machines.keySet().forEach(this::unregister);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(RegistrationListener listener) {
        listeners.add(listener);
    }

    void removeListener(RegistrationListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void register(String accountId) {
        Account account = accounts.account(accountId)
                .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
        var session = hub.session(account);
        RegistrationState current = state(accountId);
        if (current.kind() != RegistrationState.Kind.REGISTERING) {
            apply(account, RegistrationState.REGISTERING);
        }
        session.register();
    }

    @Override
    public void unregister(String accountId) {
        hub.existingSession(accountId).ifPresent(session -> session.unregister());
        hub.close(accountId);
        accounts.account(accountId).ifPresent(account -> {
            if (state(accountId).kind() != RegistrationState.Kind.UNREGISTERED) {
                apply(account, RegistrationState.UNREGISTERED);
            }
        });
    }

    @Override
    public RegistrationState state(String accountId) {
        RegistrationStateMachine machine = machines.get(accountId);
        return machine == null ? RegistrationState.UNREGISTERED : machine.current();
    }

    @Override
    public void registrationChanged(Account account, RegistrationState state) {
        if (state.equals(state(account.id()))) {
            return;
        }
        apply(account, state);
    }

    private void apply(Account account, RegistrationState next) {
        RegistrationStateMachine machine = machines.computeIfAbsent(account.id(), RegistrationStateMachine::new);
        RegistrationState previous;
        try {
            previous = machine.moveTo(next);
        } catch (IllegalTransitionException e) {
            LOG.log(Level.ERROR, "{0} plug-in reported an impossible registration change: {1}",
                    account.protocol(), e.getMessage());
            return;
        }
        LOG.log(Level.INFO, "account {0}: {1} -> {2}", account.id(), previous, next);
        listeners.forEach(listener -> listener.registrationChanged(account, previous, next));
    }

    @Override
    public void accountChanged(Account account) {
        // new settings take effect on a fresh session; a registered account re-registers with them
        boolean wasActive = state(account.id()).kind() != RegistrationState.Kind.UNREGISTERED;
        if (hub.existingSession(account.id()).isPresent()) {
            unregister(account.id());
        }
        if (wasActive) {
            register(account.id());
        }
    }

    @Override
    public void accountRemoved(String id) {
        hub.existingSession(id).ifPresent(session -> session.unregister());
        hub.close(id);
        machines.remove(id);
    }
}
