package dev.switchboard.testing.peers;

import java.util.Objects;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a peer once before the tests of a class and always closes it after them, even when tests or
 * later extensions fail. Register it on a {@code static} field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PeerExtension<Kamailio> KAMAILIO =
 *         PeerExtension.of(() -> Kamailio.builder().user("alice", "alice123").start());
 * ...
 * int port = KAMAILIO.get().port();
 * }</pre>
 *
 * If the peer cannot be started, every test of the class fails with the {@link PeerStartException}.
 * Extensions on several fields start in JUnit's field order; use {@code @Order} when one peer's
 * starter reads another peer (e.g. a baresip registering to a Kamailio).
 *
 * @param <P> the peer type
 */
public final class PeerExtension<P extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<? extends P> starter;
    private P peer;

    private PeerExtension(Supplier<? extends P> starter) {
        this.starter = Objects.requireNonNull(starter, "starter");
    }

    /** An extension that calls {@code starter} before all tests and closes what it returned after them. */
    public static <P extends AutoCloseable> PeerExtension<P> of(Supplier<? extends P> starter) {
        return new PeerExtension<>(starter);
    }

    /** The running peer; only valid between the class's before-all and after-all phases. */
    public P get() {
        if (peer == null) {
            throw new IllegalStateException("the peer is not running: register PeerExtension on a static field "
                    + "and use it only from tests or from @BeforeAll/@BeforeEach methods");
        }
        return peer;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        peer = Objects.requireNonNull(starter.get(), "the peer starter returned null");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        P running = peer;
        peer = null;
        if (running != null) {
            running.close();
        }
    }
}
