package org.confero.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.confero.protocol.security.SharedKeyFile;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Issues and checks chat WebSocket tickets under the cluster's key file {@code keys/chat-ticket.key}. */
@ApplicationScoped
public class ChatTickets {

    /** Long enough to open a WebSocket after fetching the ticket, short enough that a leaked one is soon worthless. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    @Inject
    @ConfigProperty(name = "confero.data.path", defaultValue = "${jboss.server.data.dir}/confero")
    String dataPath;

    private final Clock clock = Clock.systemUTC();
    private ChatTicketSigner signer;

    @PostConstruct
    void open() {
        try {
            signer = new ChatTicketSigner(SharedKeyFile.loadOrCreate(Path.of(dataPath, "keys", "chat-ticket.key")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the chat ticket key under " + dataPath + ": " + e,
                    e);
        }
    }

    /** A ticket for {@code username} and when it expires. */
    public Issued issue(String username) {
        Instant expiresAt = clock.instant().plus(LIFETIME);
        return new Issued(signer.sign(username, expiresAt), expiresAt);
    }

    public Optional<String> userOf(String ticket) {
        return signer.verify(ticket, clock.instant());
    }

    public record Issued(String ticket, Instant expiresAt) {
    }
}
