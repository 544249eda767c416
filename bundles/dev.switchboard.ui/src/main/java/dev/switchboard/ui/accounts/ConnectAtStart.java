package dev.switchboard.ui.accounts;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.ui.operations.CoreOperations;

/**
 * Registers every account whose "Connect at start" setting is on (the default) once the window is up,
 * so the window's start never waits for a server; an account whose protocol plug-in arrives later is
 * registered when it arrives. Each account is tried once per run: after that the status area's Retry /
 * Connect and the protocols' own recovery take over. The outcome shows in the status area as the
 * registration states come in (a dead server as FAILED with its reason).
 */
@Component(service = ConnectAtStart.class)
public final class ConnectAtStart {

    /** The account setting; anything but {@code false} means connect at start. */
    public static final String SETTING = "autoconnect";

    private static final Logger LOG = System.getLogger(ConnectAtStart.class.getName());

    private final AccountRegistry accounts;
    private final RegistrationManager registrations;
    private final CoreOperations operations;
    private final Set<String> protocols = ConcurrentHashMap.newKeySet();
    private final Set<String> tried = ConcurrentHashMap.newKeySet();
    private volatile boolean windowUp;

    @Activate
    public ConnectAtStart(@Reference AccountRegistry accounts, @Reference RegistrationManager registrations,
            @Reference CoreOperations operations) {
        this.accounts = accounts;
        this.registrations = registrations;
        this.operations = operations;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(ProtocolProvider provider) {
        protocols.add(provider.protocol());
        connectDue();
    }

    void removeProvider(ProtocolProvider provider) {
        protocols.remove(provider.protocol());
    }

    /** Called once the main window is shown; connecting starts then, on the core worker. */
    public void windowUp() {
        windowUp = true;
        connectDue();
    }

    private void connectDue() {
        if (!windowUp) {
            return;
        }
        operations.run(() -> {
            for (Account account : due(accounts.accounts(), Set.copyOf(protocols),
                    id -> registrations.state(id).kind() == RegistrationState.Kind.UNREGISTERED, tried)) {
                try {
                    registrations.register(account.id());
                } catch (RuntimeException refused) {
                    // a refusal before any state (e.g. settings the plug-in rejects) would otherwise leave no trace
                    LOG.log(Level.WARNING, "account {0} could not connect at start: {1}", account.id(),
                            CoreOperations.reason(refused));
                }
            }
        });
    }

    /** Whether the account asks to be registered at start. */
    public static boolean wanted(Account account) {
        return !"false".equalsIgnoreCase(account.setting(SETTING).orElse("true").strip());
    }

    /**
     * The accounts to register now: wanted, their protocol installed, not registered or registering
     * already, and not tried before (each one returned is added to {@code tried}).
     */
    static List<Account> due(Collection<Account> accounts, Set<String> protocols, Predicate<String> unregistered,
            Set<String> tried) {
        return accounts.stream()
                .filter(ConnectAtStart::wanted)
                .filter(account -> protocols.contains(account.protocol()))
                .filter(account -> unregistered.test(account.id()))
                .filter(account -> tried.add(account.id()))
                .toList();
    }
}
