package org.confero.user;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.confero.security.HashedSecret;

/**
 * A host or admin. The password columns are what WildFly Elytron's jdbc-realm reads to authenticate HTTP Basic requests
 * (see wildfly-config/cli/standalone/confero.cli), so a disabled user cannot log in anywhere.
 */
@Entity
@Table(name = "users")
@NamedQuery(name = "User.byUsername", query = "SELECT u FROM User u WHERE u.username = :username")
@NamedQuery(name = "User.page", query = "SELECT u FROM User u ORDER BY u.username")
@NamedQuery(name = "User.count", query = "SELECT COUNT(u) FROM User u")
public class User {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,99}");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String username;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(length = 320)
    private String email;

    @Embedded
    @AttributeOverrides({ @AttributeOverride(name = "hash", column = @Column(name = "password_hash")),
            @AttributeOverride(name = "salt", column = @Column(name = "password_salt")),
            @AttributeOverride(name = "iterations", column = @Column(name = "password_iterations")) })
    private HashedSecret password;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected User() {
        // for JPA
    }

    public User(String username, String displayName, String email, Role role, HashedSecret password, Instant now) {
        this.username = requireUsername(username);
        rename(displayName);
        changeEmail(email);
        this.role = Objects.requireNonNull(role, "role");
        this.password = Objects.requireNonNull(password, "password");
        this.enabled = true;
        this.createdAt = Objects.requireNonNull(now, "now");
    }

    /** Lower-case letters, digits and {@code . _ @ -}, 2 to 100 characters, starting with a letter or digit. */
    public static boolean isValidUsername(String candidate) {
        return candidate != null && USERNAME.matcher(candidate).matches();
    }

    private static String requireUsername(String candidate) {
        if (!isValidUsername(candidate)) {
            throw new IllegalArgumentException(
                    "username must be 2-100 of a-z 0-9 . _ @ - starting with a letter " + "or digit");
        }
        return candidate;
    }

    public void rename(String newDisplayName) {
        if (newDisplayName == null || newDisplayName.isBlank() || newDisplayName.length() > 200) {
            throw new IllegalArgumentException("display name must be 1-200 characters");
        }
        this.displayName = newDisplayName.strip();
    }

    public void changeEmail(String newEmail) {
        if (newEmail != null && (newEmail.length() > 320 || !newEmail.contains("@"))) {
            throw new IllegalArgumentException("email must be an address");
        }
        this.email = newEmail;
    }

    public void changePassword(HashedSecret newPassword) {
        this.password = Objects.requireNonNull(newPassword, "password");
    }

    public void changeRole(Role newRole) {
        this.role = Objects.requireNonNull(newRole, "role");
    }

    public void enable(boolean on) {
        this.enabled = on;
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    public Role role() {
        return role;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean enabled() {
        return enabled;
    }

    public HashedSecret password() {
        return password;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
