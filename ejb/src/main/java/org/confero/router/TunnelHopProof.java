package org.confero.router;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How an HTTP tunnel server tells a router that a media WebSocket it opens carries a tunnelled client (issue 22: tunnel
 * media is counted and shown as {@code tunnel}, not {@code websocket}). The tunnel sends
 * {@value #HEADER}{@code : <epoch seconds>.<HMAC-SHA256>} on the upgrade request; the router believes it only when the
 * MAC is right and the time within {@link #MAX_SKEW} of its own, so a client (which can put any header on its own
 * WebSocket) cannot claim the label, and a value seen on the wire is useless minutes later.
 *
 * <p>
 * The MAC key is derived from the cluster's media token key ({@code HMAC(key, "confero tunnel hop v1")}), so it is
 * shared by every server of the deployment like that key, and a proof can never be mistaken for a media token.
 */
public final class TunnelHopProof {

    /** The upgrade request header the tunnel adds. */
    public static final String HEADER = "X-Confero-Tunnel";
    static final Duration MAX_SKEW = Duration.ofMinutes(2);
    private static final int MAX_CHARS = 128;
    private static final byte[] LABEL = "confero tunnel hop v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;

    /**
     * @param clusterKey
     *            the media token key of the deployment (at least 32 bytes)
     */
    public TunnelHopProof(byte[] clusterKey) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(clusterKey.clone(), "HmacSHA256"), LABEL), "HmacSHA256");
    }

    /** The header value for an upgrade request sent at {@code now}. */
    public String issue(Instant now) {
        String seconds = Long.toString(now.getEpochSecond());
        return seconds + "." + mac(seconds);
    }

    /** Whether {@code value} (absent: null) is a proof issued within {@link #MAX_SKEW} of {@code now}. */
    public boolean verify(String value, Instant now) {
        if (value == null || value.length() > MAX_CHARS) {
            return false;
        }
        int dot = value.indexOf('.');
        if (dot < 1 || dot > 19) {
            return false;
        }
        String seconds = value.substring(0, dot);
        long at;
        try {
            at = Long.parseLong(seconds);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - at) > MAX_SKEW.toSeconds() || !seconds.equals(Long.toString(at))) {
            return false;
        }
        return MessageDigest.isEqual(mac(seconds).getBytes(StandardCharsets.US_ASCII),
                value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String seconds) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac(key, ("tunnel-media\n" + seconds).getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
