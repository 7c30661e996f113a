package org.confero.user;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.protocol.rest.PageView;
import org.confero.protocol.rest.UserRequest;
import org.confero.protocol.rest.UserView;
import org.confero.security.SecretHasher;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Stored users: hosts and admins. */
@Stateless
public class Users {

    @PersistenceContext(unitName = "confero")
    private EntityManager em;

    @Inject
    @ConfigProperty(name = "confero.security.hash.iterations", defaultValue = "210000")
    int hashIterations;

    private SecretHasher hasher;
    private final Clock clock = Clock.systemUTC();

    @PostConstruct
    void init() {
        hasher = new SecretHasher(hashIterations);
    }

    public Optional<User> find(String username) {
        return em.createNamedQuery("User.byUsername", User.class).setParameter("username", username).getResultStream()
                .findFirst();
    }

    /** The enabled user of that name; an authenticated caller always has one unless it was just removed. */
    public User require(String username) {
        return find(username).filter(User::enabled)
                .orElseThrow(() -> new DomainException(ProblemType.UNAUTHENTICATED, "no such enabled user"));
    }

    public User create(String username, String displayName, String email, Role role, char[] password) {
        if (find(username).isPresent()) {
            throw DomainException.conflict("user " + username + " exists");
        }
        if (password.length < 12) {
            throw DomainException.invalid("password must have at least 12 characters");
        }
        try {
            User user = new User(username, displayName, email, role, hasher.hash(password), clock.instant());
            em.persist(user);
            return user;
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
    }

    public long count() {
        return em.createNamedQuery("User.count", Long.class).getSingleResult();
    }

    public UserView add(UserRequest request) {
        if (request == null || request.username() == null || request.password() == null) {
            throw DomainException.invalid("username and password are required");
        }
        User user = create(request.username(),
                request.displayName() == null ? request.username() : request.displayName(), request.email(),
                parseRole(request.role()), request.password().toCharArray());
        if (Boolean.FALSE.equals(request.enabled())) {
            user.enable(false);
        }
        return view(user);
    }

    public UserView get(String username) {
        return view(existing(username));
    }

    public PageView<UserView> list(int offset, int limit) {
        List<UserView> items = em.createNamedQuery("User.page", User.class).setFirstResult(offset).setMaxResults(limit)
                .getResultList().stream().map(Users::view).toList();
        return new PageView<>(items, count(), offset, limit);
    }

    /**
     * Changes a user. Admins may change everything but the username; a user acting on itself ({@code self}) only its
     * display name, email and password, and its password only with the current one.
     */
    public UserView update(String username, UserRequest request, boolean self) {
        return update(username, request, self, self);
    }

    /**
     * Changes a user, as {@link #update(String, UserRequest, boolean)}; {@code ownAccount} says the caller is that user
     * (an admin changing itself through the admin path), so a new password needs the current one.
     */
    public UserView update(String username, UserRequest request, boolean self, boolean ownAccount) {
        if (request == null) {
            throw DomainException.invalid("a body with the fields to change is required");
        }
        if (request.username() != null && !request.username().equals(username)) {
            throw DomainException.invalid("username cannot change");
        }
        if (self && (request.role() != null || request.enabled() != null)) {
            throw DomainException.forbidden("only an admin changes roles or enables users");
        }
        User user = existing(username);
        try {
            if (request.displayName() != null) {
                user.rename(request.displayName());
            }
            if (request.email() != null) {
                user.changeEmail(request.email().isEmpty() ? null : request.email());
            }
            if (request.password() != null) {
                if (request.password().length() < 12) {
                    throw DomainException.invalid("password must have at least 12 characters");
                }
                if (ownAccount) {
                    requireCurrentPassword(user, request.currentPassword());
                }
                user.changePassword(hasher.hash(request.password().toCharArray()));
            }
            if (request.role() != null) {
                user.changeRole(parseRole(request.role()));
            }
            if (request.enabled() != null) {
                user.enable(request.enabled());
            }
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        return view(user);
    }

    /**
     * A stolen session or token must not be enough to take an account over: a new password needs the current one.
     * Checked after the new password's own rules, so that a wrong guess costs the same slow hash every time.
     */
    static void requireCurrentPassword(User user, String currentPassword) {
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw DomainException.invalid("currentPassword is required to change your own password");
        }
        if (!SecretHasher.matches(currentPassword.toCharArray(), user.password())) {
            throw DomainException.forbidden("currentPassword is not this user's password");
        }
    }

    public void remove(String username) {
        User user = existing(username);
        if (user.isAdmin()
                && em.createQuery("SELECT COUNT(u) FROM User u WHERE u.role = :role AND u.enabled = TRUE", Long.class)
                        .setParameter("role", Role.ADMIN).getSingleResult() <= 1) {
            throw DomainException.conflict("the last admin cannot be removed");
        }
        long meetings = em.createNamedQuery("Meeting.countByHost", Long.class).setParameter("host", user)
                .getSingleResult();
        if (meetings > 0) {
            throw DomainException.conflict(
                    username + " hosts " + meetings + " meeting(s); delete them or disable " + "the user instead");
        }
        em.remove(user);
    }

    private User existing(String username) {
        return find(username).orElseThrow(() -> DomainException.notFound("user " + username));
    }

    private static Role parseRole(String text) {
        if (text == null) {
            return Role.HOST;
        }
        try {
            return Role.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("role must be host or admin, was '" + text + "'");
        }
    }

    static UserView view(User user) {
        return new UserView(user.username(), user.displayName(), user.email().orElse(null), user.role().roleName(),
                user.enabled(), user.createdAt());
    }
}
