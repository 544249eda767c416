package dev.switchboard.protocol.iax2.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a dialled IAX2 address leads. A bare extension ({@code 601}) goes to the account's server;
 * {@code [iax2:]host[:port][/extension]} calls a peer directly (extension {@code s} when left
 * out). Hosts are IP literals.
 *
 * @param viaServer whether the NEW goes to the account's server (and carries our user name)
 */
record Iax2Address(InetSocketAddress peer, String number, boolean viaServer, String text) {

    private static final Pattern EXTENSION = Pattern.compile("[0-9A-Za-z*#+_.-]{1,64}");
    private static final Pattern DIRECT = Pattern.compile(
            "(?:[^@/]+@)?(\\[[0-9A-Fa-f:.]+\\]|[0-9.]+)(?::(\\d{1,5}))?(?:/(" + EXTENSION.pattern() + "))?");

    static Iax2Address parse(String address, Optional<InetSocketAddress> server) {
        String text = address.strip();
        String rest = text.regionMatches(true, 0, "iax2:", 0, 5) ? text.substring(5) : text;
        if (EXTENSION.matcher(rest).matches() && !rest.contains(".")) {
            InetSocketAddress target = server.orElseThrow(() -> new IllegalArgumentException(
                    "no server set for this IAX2 account: dial host:port/extension instead of " + address));
            return new Iax2Address(target, rest, true, text);
        }
        Matcher direct = DIRECT.matcher(rest);
        if (!direct.matches()) {
            throw new IllegalArgumentException("not an IAX2 address (extension or host:port/extension): " + address);
        }
        String host = direct.group(1).replace("[", "").replace("]", "");
        int port = direct.group(2) == null ? Iax2Settings.DEFAULT_PORT : Integer.parseInt(direct.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range in " + address);
        }
        try {
            InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName(host), port);
            boolean viaServer = server.map(peer::equals).orElse(false);
            return new Iax2Address(peer, direct.group(3) == null ? "s" : direct.group(3), viaServer, text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address in " + address, e);
        }
    }
}
