/**
 * Real third-party peers for integration tests, each started from Debian's own package:
 * <table>
 * <caption>Peers and the Debian packages they run</caption>
 * <tr><th>peer</th><th>what it is</th><th>Debian packages</th></tr>
 * <tr><td>{@link dev.switchboard.testing.peers.Kamailio}</td><td>SIP registrar and proxy</td><td>kamailio</td></tr>
 * <tr><td>{@link dev.switchboard.testing.peers.Baresip}</td><td>SIP user agent</td><td>baresip-core</td></tr>
 * <tr><td>{@link dev.switchboard.testing.peers.Sipp}</td><td>scripted SIP</td><td>sip-tester</td></tr>
 * <tr><td>{@link dev.switchboard.testing.peers.Prosody}</td><td>XMPP server</td><td>prosody, openssl</td></tr>
 * <tr><td>{@link dev.switchboard.testing.peers.Slapd}</td><td>LDAP directory</td><td>slapd</td></tr>
 * <tr><td>{@link dev.switchboard.testing.peers.PulseAudio}</td><td>null sound device</td>
 * <td>pulseaudio, pulseaudio-utils</td></tr>
 * <tr><td>{@link dev.switchboard.testing.peers.Xvfb}</td><td>virtual X display</td>
 * <td>xvfb, x11-utils, xdotool, imagemagick</td></tr>
 * </table>
 *
 * <p>Each peer is created with {@code builder()...start()} and is {@link java.lang.AutoCloseable}. Starting
 * generates the peer's configuration into a fresh temporary directory, binds only 127.0.0.1 on ports found
 * free at that moment, launches the program and polls a real protocol probe (SIP OPTIONS, an XMPP stream,
 * an LDAP bind, {@code pactl info}, {@code xdpyinfo}, ...) until it answers; it never sleeps a fixed time.
 * It fails with a {@link dev.switchboard.testing.peers.PeerStartException} (never skips) when the program
 * is not installed, naming the Debian package and {@code ./switchboard test} as the way to install it, or
 * when the peer dies or does not answer in time, quoting the tail of the peer's log. Closing stops the
 * process and every process it forked, copies the peer's logs (and baresip's recordings) into
 * {@link dev.switchboard.testing.peers.PeerOutput#directory()} and deletes the temporary directory. Peers
 * still running when the JVM exits are stopped by a shutdown hook.
 *
 * <p>In JUnit 5, {@link dev.switchboard.testing.peers.PeerExtension} starts a peer before the tests of a
 * class and closes it after them:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PeerExtension<Kamailio> KAMAILIO =
 *         PeerExtension.of(() -> Kamailio.builder().user("alice", "alice123").start());
 * }</pre>
 *
 * Peers needed by a single test are simply started in a try-with-resources block.
 */
package dev.switchboard.testing.peers;
