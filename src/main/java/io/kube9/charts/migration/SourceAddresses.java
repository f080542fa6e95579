package io.kube9.charts.migration;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The addresses an import never requests: link-local ones, where clouds serve instance metadata and credentials
 * (169.254.0.0/16 with 169.254.169.254, fe80::/10, AWS's fd00:ec2::254, and those IPv4 addresses written as IPv6:
 * mapped, compatible or NAT64). Loopback and private addresses stay allowed (a source may be an internal server).
 */
final class SourceAddresses {
    private static final byte[] AWS_METADATA_V6 = {(byte) 0xfd, 0, 0, (byte) 0xec, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0x54};

    private SourceAddresses() {}

    /** Why {@code uri} must not be requested (its scheme, or an address its host resolves to), or empty when it may be. */
    static Optional<String> refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of(uri + " is not an http or https URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of(uri + " names no host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.empty(); // the request itself fails, reported as unreachable
        }
        for (InetAddress address : addresses) {
            if (forbidden(address)) {
                return Optional.of(uri + ": " + host + " is " + address.getHostAddress()
                        + ", a link-local (cloud metadata) address, which an import never requests");
            }
        }
        return Optional.empty();
    }

    static boolean forbidden(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.isLinkLocalAddress();
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && (address.isLinkLocalAddress() || Arrays.equals(bytes, AWS_METADATA_V6))) {
            return true;
        }
        return embeddedIpv4LinkLocal(bytes);
    }

    /** An IPv4 address in the last four bytes of ::a.b.c.d, ::ffff:a.b.c.d or 64:ff9b::a.b.c.d that is 169.254.x.y. */
    private static boolean embeddedIpv4LinkLocal(byte[] v6) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= v6[i] == 0;
        }
        boolean compatibleOrMapped = zeroPrefix && ((v6[10] == 0 && v6[11] == 0) || (v6[10] == (byte) 0xff && v6[11] == (byte) 0xff));
        boolean nat64 = v6[0] == 0 && v6[1] == 0x64 && v6[2] == (byte) 0xff && v6[3] == (byte) 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = v6[i] == 0;
        }
        return (compatibleOrMapped || nat64) && v6[12] == (byte) 169 && v6[13] == (byte) 254;
    }
}
