package org.confero.user;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.confero.security.HashedSecret;

/**
 * An integrator's API token, owned by a user and acting with that user's role. Only a hash of its secret is stored;
 * revoked or expired, it authenticates nobody.
 */
@Entity
@Table(name = "api_tokens")
@NamedQuery(name = "ApiToken.byOwner", query = "SELECT t FROM ApiToken t WHERE t.owner = :owner ORDER BY t.createdAt DESC")
public class ApiToken {

    @Id
    @Column(length = 32)
    private String id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private User owner;

    @Column(nullable = false, length = 100)
    private String name;

    @Embedded
    @AttributeOverrides({ @AttributeOverride(name = "hash", column = @Column(name = "secret_hash")),
            @AttributeOverride(name = "salt", column = @Column(name = "secret_salt")),
            @AttributeOverride(name = "iterations", column = @Column(name = "secret_iterations")) })
    private HashedSecret secret;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Version
    private long version;

    protected ApiToken() {
        // for JPA
    }

    public ApiToken(String id, User owner, String name, HashedSecret secret, Instant createdAt, Instant expiresAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.owner = Objects.requireNonNull(owner, "owner");
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("token name must be 1-100 characters");
        }
        this.name = name.strip();
        this.secret = Objects.requireNonNull(secret, "secret");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = expiresAt;
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    /** Usable now: not revoked, not expired, and its owner still enabled. */
    public boolean isActive(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt)) && owner.enabled();
    }

    public String id() {
        return id;
    }

    public User owner() {
        return owner;
    }

    public String name() {
        return name;
    }

    public HashedSecret secret() {
        return secret;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }
}
