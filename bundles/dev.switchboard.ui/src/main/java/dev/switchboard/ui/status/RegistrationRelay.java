package dev.switchboard.ui.status;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationListener;
import dev.switchboard.core.account.RegistrationState;

/**
 * The desktop's {@link RegistrationListener} on the core's whiteboard; it only passes each event
 * on. It is apart from {@link AccountStatusTracker} because the registration manager binds its
 * listeners and the tracker binds the registration manager: one component doing both is a service
 * cycle, which Felix SCR reports as an error at every start.
 */
@Component(service = { RegistrationRelay.class, RegistrationListener.class })
public final class RegistrationRelay implements RegistrationListener {

    private final List<RegistrationListener> receivers = new CopyOnWriteArrayList<>();

    void attach(RegistrationListener receiver) {
        receivers.add(receiver);
    }

    void detach(RegistrationListener receiver) {
        receivers.remove(receiver);
    }

    @Override
    public void registrationChanged(Account account, RegistrationState previous, RegistrationState current) {
        receivers.forEach(receiver -> receiver.registrationChanged(account, previous, current));
    }
}
