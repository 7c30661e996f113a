package org.confero.router;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaToken;
import org.confero.protocol.media.MediaTokenSigner;
import org.confero.protocol.security.SharedKeyFile;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The cluster's media token key (the same file the relay resource adapter reads,
 * {@code <confero.data.path>/keys/media-token.key}): zone controllers issue credentials with it, and media that arrives
 * over WebSocket is checked with it; HTTP tunnel servers prove themselves to routers with a key derived from it
 * ({@link TunnelHopProof}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MediaKeys {

    @Inject
    @ConfigProperty(name = "confero.data.path", defaultValue = "${jboss.server.data.dir}/confero")
    String dataPath;

    private MediaTokenSigner signer;
    private TunnelHopProof tunnelHop;

    @PostConstruct
    void load() {
        try {
            byte[] key = SharedKeyFile.loadOrCreate(Path.of(dataPath, "keys", "media-token.key"));
            signer = new MediaTokenSigner(key);
            tunnelHop = new TunnelHopProof(key);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the media token key under " + dataPath + ": " + e, e);
        }
    }

    public MediaCredentials issue(MediaToken token) {
        return signer.credentials(token);
    }

    /** What an HTTP tunnel server puts in {@link TunnelHopProof#HEADER} when it opens a router's media WebSocket. */
    public String tunnelHopProof() {
        return tunnelHop.issue(Instant.now());
    }

    /** Whether an upgrade request's {@link TunnelHopProof#HEADER} (null: none) proves a tunnel server sent it. */
    public boolean isTunnelHop(String headerValue) {
        return tunnelHop.verify(headerValue, Instant.now());
    }

    /** The token when it is valid now and {@code password} is the one issued with it; empty otherwise. */
    public Optional<MediaToken> verify(String token, String password, Instant now) {
        if (token == null || password == null) {
            return Optional.empty();
        }
        MediaTokenSigner.Verification verification = signer.verify(token, now);
        if (!verification.isValid()
                || !MessageDigest.isEqual(signer.stunPassword(token).getBytes(StandardCharsets.US_ASCII),
                        password.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return verification.token();
    }
}
