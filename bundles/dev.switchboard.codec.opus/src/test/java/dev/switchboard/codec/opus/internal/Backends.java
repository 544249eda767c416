package dev.switchboard.codec.opus.internal;

import static org.junit.jupiter.api.Assertions.fail;

/** Both Opus implementations, as tests run each; a missing libopus fails rather than skips. */
enum Backends {
    LIBOPUS {
        @Override
        OpusBackend create() {
            StringBuilder whyNot = new StringBuilder();
            return LibOpus.load(LibOpus.DEFAULT_LIBRARY, whyNot).orElseGet(() -> fail(whyNot
                    + ": install libopus0 (./switchboard test as root installs every test peer)"));
        }
    },
    CONCENTUS {
        @Override
        OpusBackend create() {
            return OpusBackends.choose("concentus", LibOpus.DEFAULT_LIBRARY).backend();
        }
    };

    abstract OpusBackend create();
}
