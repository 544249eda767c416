package dev.switchboard.history.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

import dev.switchboard.core.messaging.Message;
import dev.switchboard.store.internal.H2Store;

/**
 * The process {@link HistoryKillTest} kills: records incoming messages through the history as the
 * core would, printing each message's number only once {@code message()} returned, the point where
 * the core goes on to show it and the XMPP plug-in to send its receipt ("acknowledged").
 */
public final class HistoryWriter {

    private HistoryWriter() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        StoredHistory history = new StoredHistory(H2Store.in(Path.of(args[0])));
        int next = Integer.parseInt(args[1]);
        out.println("READY");
        out.flush();
        for (int n = next;; n++) {
            history.message(new Message("m" + n, "a1", "bob@localhost", true, "bob@localhost", "message " + n,
                    Instant.now()));
            out.println(n);
            out.flush();
        }
    }
}
