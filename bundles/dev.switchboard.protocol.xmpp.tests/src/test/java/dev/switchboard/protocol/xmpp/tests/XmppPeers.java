package dev.switchboard.protocol.xmpp.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.testing.peers.Prosody;

/** Accounts on the harness's Prosody and the XMPP provider as DS registers it. */
final class XmppPeers {

    private XmppPeers() {
    }

    static ProtocolProvider provider() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(XmppPeers.class).getBundleContext();
        // the provider's bundle is lazy: DS activates it on first use
        for (var bundle : context.getBundles()) {
            if (bundle.getSymbolicName().equals("dev.switchboard.protocol.xmpp") && bundle.getState() != org.osgi.framework.Bundle.ACTIVE) {
                bundle.start();
            }
        }
        String filter = "(&(objectClass=" + ProtocolProvider.class.getName() + ")(" + ProtocolProvider.PROTOCOL_PROPERTY
                + "=xmpp))";
        CountDownLatch registered = new CountDownLatch(1);
        ServiceListener listener = event -> registered.countDown();
        context.addServiceListener(listener, filter);
        ServiceReference<ProtocolProvider> reference;
        try {
            var references = context.getServiceReferences(ProtocolProvider.class, "(" + ProtocolProvider.PROTOCOL_PROPERTY + "=xmpp)");
            if (references.isEmpty()) {
                registered.await(Recorder.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                references = context.getServiceReferences(ProtocolProvider.class, "(" + ProtocolProvider.PROTOCOL_PROPERTY + "=xmpp)");
            }
            reference = references.isEmpty() ? null : references.iterator().next();
        } finally {
            context.removeServiceListener(listener);
        }
        assertNotNull(reference, "DS did not register the xmpp ProtocolProvider");
        return context.getService(reference);
    }

    static String fingerprint(Prosody prosody) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(prosody.certificate().getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /** An account of {@code user} on the Prosody, the server's certificate pinned unless {@code pinned} is false. */
    static Account account(Prosody prosody, String user, boolean pinned) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("jid", user + "@" + prosody.domain());
        settings.put("host", prosody.host());
        settings.put("port", Integer.toString(prosody.c2sPort()));
        if (pinned) {
            settings.put("tls.pin", fingerprint(prosody));
        }
        return new Account(user, "xmpp", settings);
    }
}
