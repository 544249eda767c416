package dev.switchboard.contacts.ldap.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PasswordProvider;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;

import dev.switchboard.contacts.ldap.LdapDirectoryConfig;
import dev.switchboard.contacts.ldap.LdapDirectoryConfig.Security;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactSource;

/**
 * One LDAP directory as a contact source. Searches run asynchronously on pooled connections, page by
 * page (RFC 2696) until the limit; cancelling the returned stage abandons the outstanding request
 * (RFC 4511 4.11), which is how a type-ahead drops queries the user has typed past. Answers are cached
 * briefly per query. When the server cannot be reached, searches fail with a
 * {@link DirectoryUnavailableException} and, for a short back-off, fail at once instead of each waiting
 * for the connect timeout.
 */
public final class LdapDirectorySource implements ContactSource, AutoCloseable {

    private static final Logger LOG = System.getLogger(LdapDirectorySource.class.getName());
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final int MAX_CONNECTIONS = 3;

    private final LdapDirectoryConfig config;
    private final Supplier<char[]> bindPassword;
    private final EntryMapper mapper;
    private final SearchCache cache;
    private final Clock clock;
    private final ExecutorService connector = Executors.newVirtualThreadPerTaskExecutor();
    private LDAPConnectionPool pool;
    private Instant unavailableUntil = Instant.MIN;
    private String unavailableReason = "";
    private boolean closed;

    /**
     * @param bindPassword asked each time a connection binds, so a changed password applies at once;
     *                     returns an empty array for an anonymous directory
     */
    public LdapDirectorySource(LdapDirectoryConfig config, Supplier<char[]> bindPassword, Duration cacheTime,
            Clock clock) {
        this.config = config;
        this.bindPassword = bindPassword;
        this.mapper = new EntryMapper(config);
        this.cache = new SearchCache(256, cacheTime, clock);
        this.clock = clock;
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public String name() {
        return config.name();
    }

    public LdapDirectoryConfig config() {
        return config;
    }

    /**
     * Entries matching the filter template with {@code query}; an empty query matches nothing (a
     * directory is not listed whole). Cancel the stage to abandon the search.
     */
    @Override
    public CompletionStage<List<Contact>> search(String query, int limit) {
        String text = query.strip();
        int wanted = Math.min(limit, config.sizeLimit());
        if (text.isEmpty() || wanted <= 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        String cacheKey = text.toLowerCase(Locale.ROOT) + '\u0000' + wanted;
        List<Contact> cached = cache.get(cacheKey);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        PagedSearch search = new PagedSearch(filter(text), wanted);
        CompletableFuture<List<Contact>> result = search.result;
        result.whenComplete((contacts, failure) -> {
            if (failure == null) {
                cache.put(cacheKey, contacts);
            } else if (result.isCancelled()) {
                search.abandon();
            }
        });
        connector.execute(search::start);
        return result;
    }

    /** Drops cached answers, e.g. after the directory's configuration or content changed. */
    public void clearCache() {
        cache.clear();
    }

    Filter filter(String text) {
        String escaped = Filter.encodeValue(text);
        String expression = config.filterTemplate().replace(LdapDirectoryConfig.QUERY, escaped);
        try {
            return Filter.create(expression);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("directory " + config.id() + ": the filter template gives an invalid "
                    + "filter: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        connector.shutdownNow();
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    /** The pool, connecting on first use; fails fast while a recent attempt failed. */
    private LDAPConnectionPool pool() throws DirectoryUnavailableException {
        synchronized (this) {
            if (closed) {
                throw new DirectoryUnavailableException(config.name() + " was closed");
            }
            if (pool != null) {
                return pool;
            }
            if (clock.instant().isBefore(unavailableUntil)) {
                throw new DirectoryUnavailableException(unavailableReason);
            }
        }
        try {
            LDAPConnectionPool created = createPool();
            synchronized (this) {
                if (pool == null && !closed) {
                    pool = created;
                    return pool;
                }
            }
            created.close();
            return pool();
        } catch (LDAPException | GeneralSecurityException | IOException e) {
            String reason = config.name() + " (" + config.url() + ") is unavailable: " + describe(e);
            synchronized (this) {
                unavailableUntil = clock.instant().plus(RETRY_AFTER);
                unavailableReason = reason;
            }
            LOG.log(Level.WARNING, reason);
            throw new DirectoryUnavailableException(reason, e);
        }
    }

    private LDAPConnectionPool createPool() throws LDAPException, GeneralSecurityException, IOException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) config.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(config.timeLimit().toMillis() + config.connectTimeout().toMillis());
        options.setAbandonOnTimeout(true);
        PostConnectProcessor startTls = null;
        SingleServerSet servers;
        if (config.security() == Security.NONE) {
            servers = new SingleServerSet(config.host(), config.port(), options);
        } else {
            SSLContext tls = sslContext();
            // the certificate must name the host we asked for, not just chain to a trusted authority
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            if (config.security() == Security.LDAPS) {
                servers = new SingleServerSet(config.host(), config.port(), tls.getSocketFactory(), options);
            } else {
                servers = new SingleServerSet(config.host(), config.port(), options);
                startTls = new StartTLSPostConnectProcessor(tls.getSocketFactory());
            }
        }
        BindRequest bind = config.anonymous() ? null : new SimpleBindRequest(config.bindDn(), new StoredPassword(bindPassword));
        LDAPConnectionPool created = new LDAPConnectionPool(servers, bind, 1, MAX_CONNECTIONS, startTls);
        created.setConnectionPoolName("switchboard-ldap-" + config.id());
        created.setRetryFailedOperationsDueToInvalidConnections(true);
        return created;
    }

    private SSLContext sslContext() throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (config.trustedCertificates().isEmpty()) {
            factory.init((KeyStore) null);
        } else {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(Path.of(config.trustedCertificates()))) {
                Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                        .generateCertificates(in);
                int index = 0;
                for (Certificate certificate : certificates) {
                    trusted.setCertificateEntry("trusted-" + index++, certificate);
                }
            }
            factory.init(trusted);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    static String describe(Exception e) {
        if (e instanceof LDAPException ldap) {
            return ldap.getResultCode().getName() + ": " + ldap.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Reads the password from secure storage each time a connection binds; never kept in memory. */
    private static final class StoredPassword extends PasswordProvider {
        private static final long serialVersionUID = 1L;
        private final transient Supplier<char[]> password;

        StoredPassword(Supplier<char[]> password) {
            this.password = password;
        }

        @Override
        public byte[] getPasswordBytes() {
            char[] secret = password.get();
            try {
                java.nio.ByteBuffer bytes = java.nio.charset.StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(secret));
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                java.util.Arrays.fill(bytes.array(), (byte) 0);
                return copy;
            } finally {
                java.util.Arrays.fill(secret, '\0');
            }
        }
    }

    /** One search, one page request outstanding at a time, on one connection of the pool. */
    private final class PagedSearch implements AsyncSearchResultListener {
        private static final long serialVersionUID = 1L;
        final CompletableFuture<List<Contact>> result = new CompletableFuture<>();
        private final Filter filter;
        private final int wanted;
        private final List<Contact> found = new ArrayList<>();
        private LDAPConnectionPool usedPool;
        private LDAPConnection connection;
        private AsyncRequestID outstanding;
        private boolean finished;

        PagedSearch(Filter filter, int wanted) {
            this.filter = filter;
            this.wanted = wanted;
        }

        void start() {
            if (result.isDone()) {
                return;
            }
            try {
                usedPool = pool();
                connection = usedPool.getConnection();
                requestPage(null);
            } catch (DirectoryUnavailableException e) {
                fail(e);
            } catch (LDAPException e) {
                fail(unavailable(e));
            }
        }

        private synchronized void requestPage(ASN1OctetString cookie) throws LDAPException {
            if (result.isDone()) {
                return;
            }
            SearchRequest request = new SearchRequest(this, config.baseDn(), SearchScope.SUB, DereferencePolicy.NEVER,
                    wanted, (int) Math.max(1, config.timeLimit().toSeconds()), false, filter,
                    mapper.requestedAttributes());
            request.setResponseTimeoutMillis(config.timeLimit().toMillis() + 1000);
            if (config.pageSize() > 0) {
                request.addControl(new SimplePagedResultsControl(Math.min(config.pageSize(), wanted), cookie, false));
            }
            outstanding = connection.asyncSearch(request);
        }

        @Override
        public void searchEntryReturned(SearchResultEntry entry) {
            Contact contact = mapper.contact(entry);
            synchronized (this) {
                if (found.size() < wanted) {
                    found.add(contact);
                }
            }
        }

        @Override
        public void searchReferenceReturned(SearchResultReference reference) {
            // referrals to other servers are not followed: only loopback/configured servers are contacted
        }

        @Override
        public void searchResultReceived(AsyncRequestID requestID, SearchResult searchResult) {
            ResultCode code = searchResult.getResultCode();
            boolean acceptable = code == ResultCode.SUCCESS || code == ResultCode.SIZE_LIMIT_EXCEEDED
                    || code == ResultCode.TIME_LIMIT_EXCEEDED;
            if (!acceptable) {
                fail(new DirectoryUnavailableException(config.name() + " refused the search: " + code + " "
                        + (searchResult.getDiagnosticMessage() == null ? "" : searchResult.getDiagnosticMessage()),
                        null), code == ResultCode.SERVER_DOWN || code == ResultCode.CONNECT_ERROR
                                || code == ResultCode.TIMEOUT);
                return;
            }
            ASN1OctetString cookie = null;
            try {
                SimplePagedResultsControl paging = SimplePagedResultsControl.get(searchResult);
                if (paging != null && paging.moreResultsToReturn()) {
                    cookie = paging.getCookie();
                }
            } catch (LDAPException e) {
                LOG.log(Level.WARNING, "{0}: unreadable paged results control, stopping after this page: {1}",
                        config.name(), e.getMessage());
            }
            int size;
            synchronized (this) {
                size = found.size();
            }
            if (cookie != null && size < wanted && code == ResultCode.SUCCESS) {
                try {
                    requestPage(cookie);
                    return;
                } catch (LDAPException e) {
                    fail(unavailable(e));
                    return;
                }
            }
            if (cookie != null) {
                discardPages(cookie);
            }
            finish();
        }

        /** RFC 2696 3: a page size of zero with the cookie ends the paged search on the server. */
        private void discardPages(ASN1OctetString cookie) {
            try {
                SearchRequest release = new SearchRequest(new DiscardingListener(), config.baseDn(), SearchScope.SUB,
                        DereferencePolicy.NEVER, 1, 1, false, filter, "1.1");
                release.addControl(new SimplePagedResultsControl(0, cookie, false));
                connection.asyncSearch(release);
            } catch (LDAPException e) {
                LOG.log(Level.DEBUG, "{0}: could not release the rest of a paged search: {1}", config.name(),
                        e.getMessage());
            }
        }

        private void finish() {
            List<Contact> contacts;
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
                contacts = List.copyOf(found);
            }
            usedPool.releaseConnection(connection);
            result.complete(contacts);
        }

        private void fail(DirectoryUnavailableException failure) {
            fail(failure, failure.getCause() instanceof LDAPException ldap && !ldap.getResultCode().isConnectionUsable());
        }

        private void fail(DirectoryUnavailableException failure, boolean connectionBroken) {
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
            }
            if (connection != null) {
                if (connectionBroken) {
                    usedPool.releaseDefunctConnection(connection);
                } else {
                    usedPool.releaseConnection(connection);
                }
            }
            result.completeExceptionally(failure);
        }

        /** Called when the stage was cancelled: tell the server to stop and give the connection back. */
        void abandon() {
            AsyncRequestID request;
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
                request = outstanding;
            }
            if (connection == null) {
                return;
            }
            try {
                if (request != null) {
                    connection.abandon(request);
                }
                usedPool.releaseConnection(connection);
            } catch (LDAPException e) {
                usedPool.releaseDefunctConnection(connection);
            }
        }

        private DirectoryUnavailableException unavailable(LDAPException e) {
            return new DirectoryUnavailableException(config.name() + " (" + config.url() + ") is unavailable: "
                    + describe(e), e);
        }
    }

    /** Listens to the request that ends a paged search early; its answer carries nothing we need. */
    private static final class DiscardingListener implements AsyncSearchResultListener {
        private static final long serialVersionUID = 1L;

        @Override
        public void searchEntryReturned(SearchResultEntry entry) {
        }

        @Override
        public void searchReferenceReturned(SearchResultReference reference) {
        }

        @Override
        public void searchResultReceived(AsyncRequestID requestID, SearchResult result) {
        }
    }
}
