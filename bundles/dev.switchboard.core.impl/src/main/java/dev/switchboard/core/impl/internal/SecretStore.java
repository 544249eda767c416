package dev.switchboard.core.impl.internal;

import java.util.Optional;

/** Where account secrets live; never the preferences that hold the rest of an account. */
interface SecretStore {

    Optional<char[]> get(String accountId);

    void put(String accountId, char[] secret);

    void remove(String accountId);
}
