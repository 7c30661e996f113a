package org.confero.user;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.Optional;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
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
}
