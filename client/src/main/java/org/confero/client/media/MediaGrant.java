package org.confero.client.media;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;

/**
 * The media credentials a router granted on the control channel — one per media type it offers — and when they stop
 * being accepted. A router grants them only to a participant in the meeting: with {@code joined}, {@code admitted},
 * {@code resumed} and in answer to {@code media-credentials}.
 */
public final class MediaGrant {

    private final Map<MediaType, MediaCredentials> credentials;
    /** Null when the router did not say. */
    private final Instant expires;

    public MediaGrant(Map<MediaType, MediaCredentials> credentials, Optional<Instant> expires) {
        this.credentials = credentials.isEmpty() ? Map.of() : new EnumMap<>(credentials);
        this.expires = expires.orElse(null);
    }

    public Optional<MediaCredentials> credentials(MediaType type) {
        return Optional.ofNullable(credentials.get(type));
    }

    /** The media types the router offers. */
    public Set<MediaType> mediaTypes() {
        return Set.copyOf(credentials.keySet());
    }

    /** The {@code mediaExpires} instant, on the router's clock. */
    public Optional<Instant> expires() {
        return Optional.ofNullable(expires);
    }

    /**
     * True when the credentials expire before {@code now + margin}. The expiry is the router's clock and {@code now}
     * ours, so the margin has to cover the skew between the two as well as the time a binding takes.
     */
    public boolean expiresWithin(Duration margin, Instant now) {
        return expires != null && !now.plus(margin).isBefore(expires);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MediaGrant g && credentials.equals(g.credentials) && Objects.equals(expires, g.expires);
    }

    @Override
    public int hashCode() {
        return Objects.hash(credentials, expires);
    }

    /** Passwords stay hidden ({@link MediaCredentials#toString}). */
    @Override
    public String toString() {
        return "MediaGrant" + credentials + (expires == null ? "" : " until " + expires);
    }
}
