package dev.switchboard.ui.status;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountListener;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationListener;
import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.ui.SteppedFeed;

/**
 * Keeps the registration picture of every account current for the UI. The accounts and their
 * states are read from {@link AccountRegistry} and {@link RegistrationManager} when those services
 * arrive, then followed through {@link AccountListener} and, by way of {@link RegistrationRelay},
 * the {@link RegistrationListener} whiteboard. Both services are optional and may come and go; the
 * board then says what is missing instead of showing stale data.
 * Every callback only queues a step ({@link SteppedFeed}).
 */
@Component(service = AccountStatusFeed.class, immediate = true)
public final class AccountStatusTracker extends SteppedFeed<StatusBoard> implements AccountStatusFeed, RegistrationListener, AccountListener {

    /** The registry's own order follows its storage, which means nothing to the user. */
    private static final Comparator<AccountStatus> BY_NAME = Comparator
            .comparing(AccountStatus::displayName, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(AccountStatus::accountId);

    private final RegistrationRelay relay;

    // Confined to the steps' thread.
    private AccountRegistry registry;
    private RegistrationManager registrationManager;
    private final Map<String, AccountStatus> accounts = new HashMap<>();

    @Activate
    public AccountStatusTracker(@Reference(name = "RegistrationRelay") RegistrationRelay relay) {
        this(relay, worker("switchboard-ui-account-status"));
    }

    /**
     * Listens to the relay before DS binds the registration manager, so that no transition falls
     * between the first reading of the states and the events that follow it.
     *
     * @param steps runs the steps one at a time, in the order given
     */
    AccountStatusTracker(RegistrationRelay relay, Executor steps) {
        super(steps, StatusBoard.NOTHING_RUNNING);
        this.relay = relay;
        relay.attach(this);
    }

    @Deactivate
    void stopListening() {
        relay.detach(this);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAccountRegistry(AccountRegistry newRegistry) {
        newRegistry.addListener(this);
        step(() -> {
            registry = newRegistry;
            accounts.clear();
            for (Account account : newRegistry.accounts()) {
                accounts.put(account.id(), new AccountStatus(account.id(), account.displayName(), askState(account.id())));
            }
            publish();
        });
    }

    void unbindAccountRegistry(AccountRegistry oldRegistry) {
        oldRegistry.removeListener(this);
        step(() -> {
            if (registry == oldRegistry) {
                registry = null;
                accounts.clear();
                publish();
            }
        });
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRegistrationManager(RegistrationManager newManager) {
        step(() -> {
            registrationManager = newManager;
            accounts.replaceAll((id, known) -> withState(known, askState(id)));
            publish();
        });
    }

    void unbindRegistrationManager(RegistrationManager oldManager) {
        step(() -> {
            if (registrationManager == oldManager) {
                registrationManager = null;
                // Without a manager nobody keeps a registration alive.
                accounts.replaceAll((id, known) -> withState(known, RegistrationState.UNREGISTERED));
                publish();
            }
        });
    }

    @Override
    public void registrationChanged(Account account, RegistrationState previous, RegistrationState current) {
        step(() -> {
            if (accounts.containsKey(account.id())) {
                accounts.put(account.id(), new AccountStatus(account.id(), account.displayName(), current));
                publish();
            }
        });
    }

    @Override
    public void accountChanged(Account account) {
        step(() -> {
            if (registry == null) {
                return;
            }
            AccountStatus known = accounts.get(account.id());
            RegistrationState state = known != null ? known.state() : askState(account.id());
            accounts.put(account.id(), new AccountStatus(account.id(), account.displayName(), state));
            publish();
        });
    }

    @Override
    public void accountRemoved(String id) {
        step(() -> {
            if (accounts.remove(id) != null) {
                publish();
            }
        });
    }

    private RegistrationState askState(String accountId) {
        if (registrationManager == null) {
            return RegistrationState.UNREGISTERED;
        }
        try {
            return registrationManager.state(accountId);
        } catch (IllegalArgumentException unknownToManager) {
            // The registry has just added it and the manager has not caught up: nothing registered it yet.
            return RegistrationState.UNREGISTERED;
        }
    }

    private static AccountStatus withState(AccountStatus status, RegistrationState state) {
        return new AccountStatus(status.accountId(), status.displayName(), state);
    }

    private void publish() {
        List<AccountStatus> byName = accounts.values().stream().sorted(BY_NAME).toList();
        publish(new StatusBoard(registry != null, registrationManager != null, byName));
    }
}
