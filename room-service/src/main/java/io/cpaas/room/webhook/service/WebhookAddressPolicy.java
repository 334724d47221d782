package io.cpaas.room.webhook.service;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Keeps webhook deliveries off the platform's own networks: a tenant sets the URL, and without this
 * check it could make room-service call loopback, private or link-local addresses (databases, cloud
 * metadata) on its behalf. Single-machine and test setups allow private addresses by configuration.
 */
public final class WebhookAddressPolicy {

    private final boolean allowPrivate;

    public WebhookAddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why the URL may not be called, or empty when it may. */
    public Optional<String> refusal(URI url) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = url.getHost();
        if (host == null) {
            return Optional.of("the URL has no host");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isInternal(address)) {
                    return Optional.of("host " + host + " resolves to a non-public address (" + address.getHostAddress()
                            + "); webhooks go to public addresses only");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty(); // the attempt itself fails and is retried: DNS may come back
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64; // carrier-grade NAT 100.64.0.0/10
    }
}
