package dev.switchboard.protocol.sip.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

/**
 * jain-sip's sockets for one account: plain ones as the stack makes them, TLS ones with the account's
 * {@link SipTrustManager} and the name the account connects to as the identity the certificate must carry
 * (jain-sip's own TLS layer trusts only JVM-wide key stores and checks no name), and a TLS server socket with the
 * account's {@link SipServerIdentity}, on which a proxy that lost our connection reaches our Contact.
 */
final class TlsNetworkLayer implements NetworkLayer {

    private static final int CONNECT_TIMEOUT_MILLIS = 4000;
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final NetworkLayer plain = DefaultNetworkLayer.SINGLETON;
    private final SSLContext context;
    private final String serverName;

    /**
     * @param serverName the registrar's or proxy's host as configured: its certificate must name it
     * @throws IOException if no TLS context can be made
     */
    TlsNetworkLayer(SipTrustManager trust, SipServerIdentity identity, String serverName) throws IOException {
        try {
            this.context = SSLContext.getInstance("TLS");
            context.init(identity.keyManagers(), new TrustManager[] {trust}, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
        this.serverName = serverName;
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        Socket socket = new Socket();
        try {
            if (myAddress != null) {
                socket.bind(new InetSocketAddress(myAddress, 0));
            }
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, serverName, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            // the JDK checks the certificate's names against serverName (RFC 2818 rules, as RFC 5922 asks for SIP)
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setProtocols(PROTOCOLS);
            tls.setSSLParameters(parameters);
            return tls;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, backlog,
                bindAddress);
        SSLParameters parameters = server.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        // a proxy connecting to us shows no certificate of its own (RFC 3261 26.3.1 asks it only of servers)
        parameters.setNeedClientAuth(false);
        parameters.setWantClientAuth(false);
        server.setSSLParameters(parameters);
        return server;
    }

    /** The cipher suites this layer's TLS offers, which jain-sip applies again to the server socket it opens. */
    String[] cipherSuites() {
        return context.getDefaultSSLParameters().getCipherSuites();
    }

    static String protocols() {
        return String.join(", ", PROTOCOLS);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return plain.createServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return plain.createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return plain.createSocket(address, port, myAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return plain.createSocket(address, port, myAddress, myPort);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return plain.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress bindAddress) throws SocketException {
        return plain.createDatagramSocket(port, bindAddress);
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        plain.setSipStack(stack);
    }
}
