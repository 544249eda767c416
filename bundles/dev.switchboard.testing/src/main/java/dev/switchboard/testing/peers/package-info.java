/**
 * Real third-party peers for integration tests: {@link dev.switchboard.testing.peers.Kamailio} (SIP
 * registrar/proxy), {@link dev.switchboard.testing.peers.Baresip} (SIP user agent),
 * {@link dev.switchboard.testing.peers.Sipp} (scripted SIP), {@link dev.switchboard.testing.peers.Prosody}
 * (XMPP), {@link dev.switchboard.testing.peers.Slapd} (LDAP), {@link dev.switchboard.testing.peers.PulseAudio}
 * (a null sound device) and {@link dev.switchboard.testing.peers.Xvfb} (a virtual display).
 *
 * <p>Each peer is created with {@code builder()...start()} and is {@link java.lang.AutoCloseable}. Starting
 * generates the peer's configuration into a fresh temporary directory, binds only 127.0.0.1 on ports found
 * free at that moment, launches the program and polls a real protocol probe (SIP OPTIONS, an XMPP stream,
 * an LDAP bind, {@code pactl info}, {@code xdpyinfo}, ...) until it answers; it never sleeps a fixed time.
 * It fails with a {@link dev.switchboard.testing.peers.PeerStartException} (never skips) when the program
 * is not installed, naming the Debian package and {@code ./switchboard test} as the way to install it, or
 * when the peer dies or does not answer in time, quoting the tail of the peer's log. Closing stops the
 * process and every process it forked, copies the peer's logs into {@link
 * dev.switchboard.testing.peers.PeerOutput#directory()} and deletes the temporary directory.
 *
 * <p>In JUnit 5, {@link dev.switchboard.testing.peers.PeerExtension} starts a peer before the tests of a
 * class and closes it after them:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PeerExtension<Kamailio> KAMAILIO =
 *         PeerExtension.of(() -> Kamailio.builder().user("alice", "alice123").start());
 * }</pre>
 */
package dev.switchboard.testing.peers;
