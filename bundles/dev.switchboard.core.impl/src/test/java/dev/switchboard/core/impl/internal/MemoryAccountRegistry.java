package dev.switchboard.core.impl.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountListener;
import dev.switchboard.core.account.AccountRegistry;

/** In-memory registry for unit tests of the managers. */
final class MemoryAccountRegistry implements AccountRegistry {

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, char[]> secrets = new LinkedHashMap<>();
    private final List<AccountListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public synchronized List<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    @Override
    public synchronized Optional<Account> account(String id) {
        return Optional.ofNullable(accounts.get(id));
    }

    @Override
    public void put(Account account, char[] secret) {
        synchronized (this) {
            accounts.put(account.id(), account);
            if (secret != null) {
                secrets.put(account.id(), secret.clone());
            }
        }
        listeners.forEach(listener -> listener.accountChanged(account));
    }

    @Override
    public boolean remove(String id) {
        boolean removed;
        synchronized (this) {
            removed = accounts.remove(id) != null;
            secrets.remove(id);
        }
        if (removed) {
            listeners.forEach(listener -> listener.accountRemoved(id));
        }
        return removed;
    }

    @Override
    public synchronized Optional<char[]> secret(String id) {
        return Optional.ofNullable(secrets.get(id)).map(char[]::clone);
    }

    @Override
    public void addListener(AccountListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(AccountListener listener) {
        listeners.remove(listener);
    }
}
