package dev.switchboard.ui.accounts;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Shell;

import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.ui.MainWindowPlacement;
import dev.switchboard.ui.ServicesStartLevel;
import dev.switchboard.ui.operations.CoreOperations;
import dev.switchboard.ui.status.AccountStatusFeed;
import dev.switchboard.ui.status.StatusBoard;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Add-on made once the window is up ({@link dev.switchboard.ui.FirstPaint}): starts connecting the accounts set to connect at start
 * ({@link ConnectAtStart}) and, when the account service says there are no accounts, offers the
 * account wizard (once per start). It waits for the window so that the window's start is not delayed
 * by servers and the wizard has a parent.
 */
public final class FirstStartAddon {

    private final UISynchronize ui;
    private final MApplication application;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean offered = new AtomicBoolean();
    private final AtomicBoolean pluginsStarted = new AtomicBoolean();
    private final Runnable watcher = this::checkSoon;
    private volatile AccountStatusFeed feed;
    private volatile AccountRegistry registry;
    private volatile RegistrationManager registrations;
    private volatile ProtocolCatalog catalog;
    private volatile CoreOperations operations;
    private volatile ConnectAtStart connectAtStart;

    @Inject
    public FirstStartAddon(UISynchronize ui, MApplication application) {
        this.ui = ui;
        this.application = application;
    }

    @Inject
    synchronized void useFeed(@org.eclipse.e4.core.di.annotations.Optional @Service AccountStatusFeed newFeed) {
        if (feed != null) {
            feed.removeWatcher(watcher);
        }
        feed = newFeed;
        if (newFeed != null) {
            newFeed.addWatcher(watcher);
        }
        checkSoon();
    }

    @Inject
    void useServices(@org.eclipse.e4.core.di.annotations.Optional @Service AccountRegistry newRegistry,
            @org.eclipse.e4.core.di.annotations.Optional @Service RegistrationManager newRegistrations,
            @org.eclipse.e4.core.di.annotations.Optional @Service ProtocolCatalog newCatalog,
            @org.eclipse.e4.core.di.annotations.Optional @Service CoreOperations newOperations) {
        registry = newRegistry;
        registrations = newRegistrations;
        catalog = newCatalog;
        operations = newOperations;
        checkSoon();
    }

    @Inject
    void useConnectAtStart(@org.eclipse.e4.core.di.annotations.Optional @Service ConnectAtStart newConnectAtStart) {
        connectAtStart = newConnectAtStart;
        connectIfStarted();
    }

    /**
     * The protocol plug-ins start while the window is made ({@link ServicesStartLevel}); the wizard lists the
     * protocols it has when it opens, so it waits for them.
     */
    @Inject
    void usePluginStart(@org.eclipse.e4.core.di.annotations.Optional @Service ServicesStartLevel servicesStart) {
        if (servicesStart == null) {
            // not started this way (or gone while stopping): nothing to wait for
            pluginsStarted.set(true);
            checkSoon();
            return;
        }
        servicesStart.started().thenRun(() -> {
            pluginsStarted.set(true);
            checkSoon();
        });
    }

    /** Made once the window is up ({@link dev.switchboard.ui.FirstPaint}). */
    @PostConstruct
    void windowShown() {
        started.set(true);
        connectIfStarted();
        checkSoon();
    }

    private void connectIfStarted() {
        ConnectAtStart current = connectAtStart;
        if (started.get() && current != null) {
            current.windowUp();
        }
    }

    @PreDestroy
    void dispose() {
        AccountStatusFeed current = feed;
        if (current != null) {
            current.removeWatcher(watcher);
        }
    }

    private void checkSoon() {
        if (started.get() && pluginsStarted.get() && !offered.get()) {
            ui.asyncExec(this::offerIfNoAccounts);
        }
    }

    private void offerIfNoAccounts() {
        AccountStatusFeed current = feed;
        StatusBoard board = current == null ? StatusBoard.NOTHING_RUNNING : current.current();
        if (!board.accountServiceRunning() || !board.accounts().isEmpty() || registry == null || catalog == null
                || operations == null || !offered.compareAndSet(false, true)) {
            return;
        }
        Shell parent = mainShell();
        new WizardDialog(parent, new AccountWizard(catalog.providers(), registry, registrations, operations,
                Optional.empty(), true)).open();
    }

    private Shell mainShell() {
        for (MWindow window : application.getChildren()) {
            if (MainWindowPlacement.MAIN_WINDOW_ID.equals(window.getElementId()) && window.getWidget() instanceof Shell shell) {
                return shell;
            }
        }
        return null;
    }
}
