package dev.switchboard.protocol.xmpp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.httpfileupload.HttpFileUploadManager;
import org.jivesoftware.smackx.httpfileupload.element.Slot;

import dev.switchboard.core.messaging.FileTransfer;
import dev.switchboard.core.messaging.TransferListener;

/**
 * File transfer by HTTP upload (XEP-0363): the server hands out a slot (a PUT and a GET address),
 * the file is PUT there and the GET address is sent to the recipient as a message, who downloads it.
 * Each transfer runs on its own virtual thread; both sides hash what they moved (SHA-256) so the
 * user can compare.
 */
final class XmppFileTransfer implements FileTransfer {

    private static final Logger LOG = System.getLogger(XmppFileTransfer.class.getName());
    private static final int CHUNK = 64 * 1024;
    private static final int TIMEOUT_MILLIS = 30_000;

    private final String accountId;
    private final Supplier<XMPPTCPConnection> connection;
    private final BiConsumer<String, String> sendMessage;

    /** @param sendMessage sends the link (second argument) to the recipient (first) as a chat message */
    XmppFileTransfer(String accountId, Supplier<XMPPTCPConnection> connection, BiConsumer<String, String> sendMessage) {
        this.accountId = accountId;
        this.connection = connection;
        this.sendMessage = sendMessage;
    }

    @Override
    public void send(String to, Path file, TransferListener listener) {
        Thread.ofVirtual().name("xmpp-upload-" + accountId).start(() -> {
            try {
                Uploaded uploaded = upload(file, listener);
                sendMessage.accept(to, uploaded.link().toString());
                listener.done(uploaded.link(), uploaded.sha256());
            } catch (TransferFailed e) {
                listener.failed(e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "xmpp " + accountId + ": upload of " + file.getFileName() + " failed", e);
                listener.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        });
    }

    private record Uploaded(URI link, String sha256) {
    }

    private Uploaded upload(Path file, TransferListener listener) throws TransferFailed {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new TransferFailed("cannot read " + file + ": " + e.getMessage());
        }
        Slot slot = slot(file.getFileName().toString(), size);
        MessageDigest digest = sha256();
        HttpURLConnection put = open(slot.getPutUrl().toString());
        try {
            put.setRequestMethod("PUT");
            put.setDoOutput(true);
            put.setFixedLengthStreamingMode(size);
            put.setRequestProperty("Content-Type", "application/octet-stream");
            for (Map.Entry<String, String> header : slot.getHeaders().entrySet()) {
                put.setRequestProperty(header.getKey(), header.getValue());
            }
            try (InputStream in = Files.newInputStream(file); OutputStream out = put.getOutputStream()) {
                copy(in, out, digest, size, listener);
            }
            int status = put.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK && status != HttpURLConnection.HTTP_CREATED) {
                throw new TransferFailed("the upload server answered " + status + " " + put.getResponseMessage());
            }
        } catch (IOException e) {
            throw new TransferFailed("upload interrupted: " + e.getMessage());
        } finally {
            put.disconnect();
        }
        URI link;
        try {
            link = slot.getGetUrl().toURI();
        } catch (URISyntaxException e) {
            throw new TransferFailed("the server gave a malformed download address: " + slot.getGetUrl());
        }
        return new Uploaded(link, HexFormat.of().formatHex(digest.digest()));
    }

    private Slot slot(String name, long size) throws TransferFailed {
        HttpFileUploadManager uploads = HttpFileUploadManager.getInstanceFor(connection.get());
        try {
            if (!uploads.isUploadServiceDiscovered() && !uploads.discoverUploadService()) {
                throw new TransferFailed("the server offers no HTTP upload service");
            }
            return uploads.requestSlot(name, size, "application/octet-stream");
        } catch (XMPPException.XMPPErrorException e) {
            String text = e.getStanzaError().getDescriptiveText();
            throw new TransferFailed("the server refused the upload: " + e.getStanzaError().getCondition()
                    + (text == null ? "" : " (" + text + ")"));
        } catch (SmackException | XMPPException e) {
            // Smack also refuses here a file larger than the service's announced limit
            throw new TransferFailed("no upload slot: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferFailed("interrupted");
        }
    }

    @Override
    public void download(URI link, Path target, TransferListener listener) {
        Thread.ofVirtual().name("xmpp-download-" + accountId).start(() -> {
            try {
                fetch(link, target, listener);
            } catch (TransferFailed e) {
                listener.failed(e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "xmpp " + accountId + ": download of " + link + " failed", e);
                listener.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        });
    }

    private void fetch(URI link, Path target, TransferListener listener) throws TransferFailed {
        String scheme = link.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new TransferFailed("not a file link: " + link);
        }
        HttpURLConnection get = open(link.toString());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            int status = get.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new TransferFailed("the file server answered " + status + " " + get.getResponseMessage());
            }
            long size = get.getContentLengthLong();
            MessageDigest digest = sha256();
            try (InputStream in = get.getInputStream(); OutputStream out = Files.newOutputStream(partial)) {
                copy(in, out, digest, size, listener);
            }
            // a partial file never takes the target's name
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            listener.done(link, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new TransferFailed("download interrupted: " + e.getMessage());
        } finally {
            get.disconnect();
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.log(Level.INFO, "xmpp {0}: partial download {1} left behind", accountId, partial);
            }
        }
    }

    private static void copy(InputStream in, OutputStream out, MessageDigest digest, long total,
            TransferListener listener) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long moved = 0;
        int read;
        while ((read = in.read(buffer)) > 0) {
            out.write(buffer, 0, read);
            digest.update(buffer, 0, read);
            moved += read;
            listener.progress(moved, total < 0 ? moved : total);
        }
        if (total >= 0 && moved != total) {
            throw new IOException("moved " + moved + " of " + total + " bytes");
        }
    }

    private static HttpURLConnection open(String address) throws TransferFailed {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(address).toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            connection.setInstanceFollowRedirects(false);
            return connection;
        } catch (IOException | IllegalArgumentException e) {
            throw new TransferFailed("cannot open " + address + ": " + e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }

    /** Why a transfer stopped, told to its listener. */
    private static final class TransferFailed extends Exception {
        private static final long serialVersionUID = 1L;

        TransferFailed(String reason) {
            super(reason);
        }
    }
}
