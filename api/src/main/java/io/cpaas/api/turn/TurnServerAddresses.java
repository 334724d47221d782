package io.cpaas.api.turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where one coturn listens, turned into the STUN/TURN URLs (RFC 7064, RFC 7065) that clients get.
 * TURN over TCP is listed next to UDP because many corporate networks block UDP altogether.
 *
 * @param tlsPort the TLS listener for {@code turns:}, or null when the server has none (the local stack)
 */
public record TurnServerAddresses(String host, int port, Integer tlsPort) {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public TurnServerAddresses {
        Objects.requireNonNull(host, "host");
        if (!HOST_NAME.matcher(host).matches() && !(host.contains(":") && IPV6.matcher(host).matches())) {
            throw new IllegalArgumentException("TURN host must be a host name or an IP address, got '" + host + "'");
        }
        checkPort(port, "port");
        if (tlsPort != null) {
            checkPort(tlsPort, "tlsPort");
        }
    }

    /** A server without TLS: STUN and TURN over UDP and TCP only. */
    public static TurnServerAddresses withoutTls(String host, int port) {
        return new TurnServerAddresses(host, port, null);
    }

    public static TurnServerAddresses withTls(String host, int port, int tlsPort) {
        return new TurnServerAddresses(host, port, tlsPort);
    }

    public List<String> urls() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        List<String> urls = new ArrayList<>(4);
        urls.add("stun:" + h + ":" + port);
        urls.add("turn:" + h + ":" + port + "?transport=udp");
        urls.add("turn:" + h + ":" + port + "?transport=tcp");
        if (tlsPort != null) {
            urls.add("turns:" + h + ":" + tlsPort + "?transport=tcp");
        }
        return List.copyOf(urls);
    }

    private static void checkPort(int port, String name) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be between 1 and 65535, got " + port);
        }
    }
}
