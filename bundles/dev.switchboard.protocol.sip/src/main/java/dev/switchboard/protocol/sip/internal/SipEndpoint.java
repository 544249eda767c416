package dev.switchboard.protocol.sip.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TransportNotSupportedException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;

import dev.switchboard.protocol.sip.internal.SipAccountSettings.HostPort;
import dev.switchboard.protocol.sip.internal.SipAccountSettings.Transport;
import gov.nist.javax.sip.ListeningPointExt;
import gov.nist.javax.sip.SipStackImpl;

/**
 * One jain-sip stack bound to one local address and port for one account: the factories, the provider and
 * the listening point, plus the headers every request of the account carries. Every request leaves through
 * the account's next hop (outbound proxy or registrar), set as the stack's outbound proxy, so no DNS or SRV
 * lookup is made for Request-URIs.
 */
final class SipEndpoint implements AutoCloseable {

    static final String USER_AGENT = "Switchboard/0.1";
    private static final AtomicInteger STACK_NUMBER = new AtomicInteger();
    /**
     * The largest message taken (longer TCP/TLS messages are refused). The UDP receiver allocates a buffer of this
     * size for every datagram, so 64 KiB cost the agent 280 KB of garbage per call (INVITE, ACK, BYE and their
     * retransmissions); SIP over UDP stays under 1300 octets (RFC 3261 section 18.1.1) and the largest case of the
     * parser torture set is under 6 KB.
     */
    private static final int MAX_MESSAGE_SIZE = 16384;

    final AddressFactory addresses;
    final HeaderFactory headers;
    final MessageFactory messages;
    final SipProvider provider;
    final ListeningPoint listeningPoint;
    final Transport transport;
    final InetSocketAddress nextHop;
    /** The account's address is a {@code sips:} one, so is its Contact. */
    final boolean secure;
    private final SipStackImpl stack;
    private final Optional<SipTrustManager> trust;

    private SipEndpoint(SipStackImpl stack, AddressFactory addresses, HeaderFactory headers, MessageFactory messages,
            SipProvider provider, ListeningPoint listeningPoint, Transport transport, InetSocketAddress nextHop,
            Optional<SipTrustManager> trust, boolean secure) {
        this.stack = stack;
        this.secure = secure;
        this.trust = trust;
        this.addresses = addresses;
        this.headers = headers;
        this.messages = messages;
        this.provider = provider;
        this.listeningPoint = listeningPoint;
        this.transport = transport;
        this.nextHop = nextHop;
    }

    /**
     * Starts a stack for an account.
     *
     * @throws IOException if the next hop cannot be resolved or no local port can be bound
     */
    static SipEndpoint open(String accountId, SipAccountSettings settings, SipListener listener) throws IOException {
        InetSocketAddress nextHop = resolve(settings.nextHop());
        InetAddress local = localAddressTowards(nextHop);
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "switchboard-" + accountId + "-" + STACK_NUMBER.incrementAndGet());
        properties.setProperty("javax.sip.OUTBOUND_PROXY", nextHop.getAddress().getHostAddress() + ":"
                + nextHop.getPort() + "/" + settings.transport().sipName());
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", StackLogBridge.class.getName());
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", MessageLogBridge.class.getName());
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "32");
        properties.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", StrictMessageParserFactory.class.getName());
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_SIZE));
        properties.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        // symmetric response routing (RFC 3581) even for clients that did not ask: answers go where requests
        // came from, which is what works behind NAT and never sends to an address only named in a Via
        properties.setProperty("gov.nist.javax.sip.ALWAYS_ADD_RPORT", "true");
        properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "true");
        // MWI servers send NOTIFY without a subscription (RFC 3842 section 5)
        properties.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        Optional<SipTrustManager> trust = settings.transport() == Transport.TLS
                ? Optional.of(SipTrustManager.of(settings)) : Optional.empty();
        TlsNetworkLayer tls = trust.isPresent() ? new TlsNetworkLayer(trust.get(), SipServerIdentity.generate(local),
                settings.nextHop().host()) : null;
        if (tls != null) {
            // jain-sip re-applies these to the TLS server socket; its defaults are suites and versions the JDK refuses
            properties.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", TlsNetworkLayer.protocols());
            properties.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(" ", tls.cipherSuites()));
            properties.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        }
        SipStackImpl stack;
        try {
            stack = tls == null ? new SipStackImpl(properties) : new SipStackImpl(properties) {
                {
                    // jain-sip makes its network layer by class name; ours needs the account's trust and server name
                    networkLayer = tls;
                }
            };
        } catch (PeerUnavailableException e) {
            throw new IOException("cannot start the SIP stack: " + e.getMessage(), e);
        }
        try {
            SipFactory factory = SipFactory.getInstance();
            AddressFactory addresses = factory.createAddressFactory();
            HeaderFactory headers = factory.createHeaderFactory();
            MessageFactory messages = factory.createMessageFactory();
            ListeningPoint point = listen(stack, local, settings.localPort(), settings.transport());
            SipProvider provider = stack.createSipProvider(point);
            provider.addSipListener(listener);
            provider.setAutomaticDialogSupportEnabled(true);
            stack.start();
            return new SipEndpoint(stack, addresses, headers, messages, provider, point, settings.transport(), nextHop,
                    trust, settings.secure());
        } catch (PeerUnavailableException | ObjectInUseException | TooManyListenersException e) {
            stack.stop();
            throw new IOException("cannot start the SIP stack: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            stack.stop();
            throw e;
        } catch (javax.sip.SipException e) {
            stack.stop();
            throw new IOException("cannot start the SIP stack: " + e.getMessage(), e);
        }
    }

    /** Why the TLS server's certificate was refused, if it was: the reason to show instead of a lost connection. */
    Optional<String> certificateRejection() {
        return trust.flatMap(SipTrustManager::rejection);
    }

    /** The address and port our SIP messages come from. */
    String localHost() {
        return listeningPoint.getIPAddress();
    }

    int localPort() {
        return listeningPoint.getPort();
    }

    /** A Via for a new request (branch filled in by the transaction), asking for rport (RFC 3581). */
    ViaHeader via() throws ParseException, InvalidArgumentException {
        ViaHeader via = headers.createViaHeader(localHost(), localPort(), transport.sipName(), null);
        via.setRPort();
        return via;
    }

    List<ViaHeader> vias() throws ParseException, InvalidArgumentException {
        return List.of(via());
    }

    /**
     * {@code <sip:user@host:port;transport=tcp>} for the account's user, or {@code <sips:user@host:port>} for a
     * {@code sips:} account (RFC 5630 section 3.1.3: no {@code transport=tls} in a SIPS URI).
     */
    ContactHeader contact(String user) throws ParseException {
        return contact(user, false);
    }

    /** The same, and a SIPS URI also when {@code sips}: in a dialog set up for a sips: URI on a TLS account. */
    ContactHeader contact(String user, boolean sips) throws ParseException {
        SipURI uri = addresses.createSipURI(user, localHost());
        uri.setPort(localPort());
        if (secure || sips && transport == Transport.TLS) {
            uri.setSecure(true);
        } else if (transport != Transport.UDP) {
            uri.setTransportParam(transport.sipName().toLowerCase(java.util.Locale.ROOT));
        }
        Address address = addresses.createAddress(uri);
        return headers.createContactHeader(address);
    }

    UserAgentHeader userAgent() throws ParseException {
        return headers.createUserAgentHeader(List.of(USER_AGENT));
    }

    /**
     * Sends an RFC 5626 CRLF keep-alive over the connection to the next hop and arms jain-sip's pong timeout,
     * after which it reports an {@code IOExceptionEventExt} with reason {@code KeepAliveTimeout}.
     */
    void sendHeartbeat(long pongTimeoutMillis) throws IOException {
        String peer = nextHop.getAddress().getHostAddress();
        stack.setKeepAliveTimeout(localHost(), localPort(), transport.sipName(), peer, nextHop.getPort(),
                pongTimeoutMillis);
        ((ListeningPointExt) listeningPoint).sendHeartbeat(peer, nextHop.getPort());
    }

    @Override
    public void close() {
        stack.stop();
    }

    private static ListeningPoint listen(SipStackImpl stack, InetAddress local, int configuredPort, Transport transport)
            throws IOException, ObjectInUseException {
        String transportName = transport.sipName();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = configuredPort != 0 ? configuredPort : freePort(local, transport);
            try {
                return stack.createListeningPoint(local.getHostAddress(), port, transportName);
            } catch (InvalidArgumentException e) {
                last = new IOException("cannot listen on " + local.getHostAddress() + ":" + port + "/" + transportName
                        + ": " + e.getMessage(), e);
                if (configuredPort != 0) {
                    break;
                }
            } catch (TransportNotSupportedException e) {
                throw new IOException("transport " + transportName + " not supported", e);
            }
        }
        throw last;
    }

    private static int freePort(InetAddress local, Transport transport) throws IOException {
        if (transport == Transport.UDP) {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0))) {
                return socket.getLocalPort();
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, local)) {
            return socket.getLocalPort();
        }
    }

    private static InetSocketAddress resolve(HostPort hop) throws IOException {
        try {
            return new InetSocketAddress(InetAddress.getByName(hop.host()), hop.port());
        } catch (UnknownHostException e) {
            throw new IOException("unknown host " + hop.host(), e);
        }
    }

    /** The local interface the system routes towards {@code peer}; nothing is sent to find it. */
    private static InetAddress localAddressTowards(InetSocketAddress peer) throws IOException {
        if (peer.getAddress().isLoopbackAddress()) {
            return peer.getAddress() instanceof java.net.Inet6Address
                    ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1");
        }
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(peer);
            return socket.getLocalAddress();
        }
    }
}
