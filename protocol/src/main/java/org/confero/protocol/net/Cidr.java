package org.confero.protocol.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare address is a /32 or
 * /128. Used for trusted proxies and for admins' on-premises zone rules.
 *
 * <p>
 * Parsing never resolves host names: only literal addresses are accepted, so a configuration value can never trigger a
 * DNS lookup.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Parses {@code address[/prefix]}; the address bits past the prefix are cleared. */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] address = literalAddress(addressPart)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address literal: '" + text + "'"));
        int maxPrefix = address.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a prefix length: '" + text + "'");
            }
            if (prefix < 0 || prefix > maxPrefix) {
                throw new IllegalArgumentException("prefix length out of range 0.." + maxPrefix + ": '" + text + "'");
            }
        }
        return new Cidr(mask(address, prefix), prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(candidate, prefixLength), network);
    }

    /** True when {@code address} is a literal IP address inside this network; false for anything else. */
    public boolean contains(String address) {
        return literalAddress(address).map(bytes -> {
            try {
                return contains(InetAddress.getByAddress(bytes));
            } catch (UnknownHostException e) {
                return false;
            }
        }).orElse(false);
    }

    public int prefixLength() {
        return prefixLength;
    }

    /**
     * The bytes of an IP address literal, or empty when {@code text} is not one. Checked by shape before
     * {@link InetAddress#getByName} so that a host name is never looked up.
     */
    public static Optional<byte[]> literalAddress(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        if (candidate.isEmpty() || !isLiteralShape(candidate)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(candidate).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isLiteralShape(String candidate) {
        if (candidate.indexOf(':') >= 0) {
            // IPv6: hex digits, colons and an optional embedded IPv4 tail; a zone id (%eth0) is not accepted.
            return candidate.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = candidate.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int bitsInByte = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xFF << (8 - bitsInByte));
        }
        return masked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr that && prefixLength == that.prefixLength && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
