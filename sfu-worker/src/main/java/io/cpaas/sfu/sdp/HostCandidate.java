package io.cpaas.sfu.sdp;

import java.util.Objects;

/**
 * A UDP host candidate of the worker: an IP literal (no host names, no DNS) and a port. The worker is ICE-lite,
 * so all its candidates go into the SDP up front.
 */
public record HostCandidate(String address, int port) {

    public HostCandidate {
        Objects.requireNonNull(address, "address");
        if (!isIpv4(address) && !isIpv6(address)) {
            throw new IllegalArgumentException("candidate address must be an IPv4 or IPv6 literal, found " + SdpSyntax.quote(address));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("candidate port must be from 1 to 65535, found " + port);
        }
    }

    /** Reads {@code 127.0.0.1:7882} or {@code [::1]:7882}. */
    public static HostCandidate parse(String hostPort) {
        Objects.requireNonNull(hostPort, "hostPort");
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("candidate must be '<ip>:<port>', found " + SdpSyntax.quote(hostPort));
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 candidate must be written '[<ip>]:<port>', found " + SdpSyntax.quote(hostPort));
        }
        String portText = hostPort.substring(colon + 1);
        if (!SdpSyntax.isDigits(portText, 5)) {
            throw new IllegalArgumentException("candidate port must be a number, found " + SdpSyntax.quote(portText));
        }
        return new HostCandidate(host, Integer.parseInt(portText));
    }

    public boolean isIpv6() {
        return address.indexOf(':') >= 0;
    }

    /** {@code IP4} or {@code IP6}, as in c= lines. */
    String addressType() {
        return isIpv6() ? "IP6" : "IP4";
    }

    private static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!SdpSyntax.isDigits(p, 3) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String s) {
        if (s.length() < 2 || s.length() > 45 || s.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
