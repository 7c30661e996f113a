package org.confero.web.security;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import jakarta.json.Json;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import org.confero.common.api.ProblemType;
import org.confero.protocol.net.CidrList;
import org.confero.web.proxy.ClientOrigin;
import org.confero.web.proxy.ForwardedHeaders;

/**
 * The gate every request with credentials ({@code Authorization: Basic} or {@code Bearer}) passes before Elytron checks
 * a password or the API token filter a token (issue 19). It sits in Undertow's outer handler chain — before the servlet
 * security handlers, which answer a wrong Basic password with 401 before any servlet filter runs — so it sees the
 * client address (after trusted proxies, as {@link org.confero.web.proxy.TrustedProxyFilter} resolves it) and, once the
 * exchange completes, the outcome.
 * <ol>
 * <li>Credentials over plain HTTP are refused ({@code 403 https-required}) unless a trusted proxy forwarded the request
 * with {@code X-Forwarded-Proto: https} (it terminated TLS) or the TCP peer is in
 * {@code confero.http.credentials.peers} (the test servers on loopback). The password is never checked, so plain HTTP
 * is no oracle either.</li>
 * <li>An address past its failures, or one that failed for an account past the account's ceiling, gets
 * {@code 429 too-many-attempts} with {@code Retry-After} before any check ({@link LoginAttempts}).</li>
 * <li>A 401 answer to credentials counts as a failure of that address (and of the Basic user name); a Basic login that
 * passed clears the address for that account.</li>
 * </ol>
 */
public final class CredentialGate implements HttpHandler {

    /** The longest user name remembered: longer ones are cut (the users table holds 255 characters). */
    private static final int MAX_ACCOUNT_CHARS = 255;
    private static final String PROBLEM_JSON = "application/problem+json";

    private final HttpHandler next;
    private final ForwardedHeaders forwardedHeaders;
    private final CidrList plainHttpPeers;
    private final LoginAttempts attempts;
    private final FailedLoginMeter failures = new FailedLoginMeter();

    public CredentialGate(HttpHandler next, ForwardedHeaders forwardedHeaders, CidrList plainHttpPeers,
            LoginAttempts attempts) {
        this.next = next;
        this.forwardedHeaders = forwardedHeaders;
        this.plainHttpPeers = plainHttpPeers;
        this.attempts = attempts;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Optional<Credentials> credentials = Credentials
                .of(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
        if (credentials.isEmpty()) {
            next.handleRequest(exchange);
            return;
        }
        String peerAddress = address(exchange.getSourceAddress());
        ClientOrigin peer = new ClientOrigin(peerAddress, exchange.getRequestScheme(), exchange.getHostName(),
                exchange.getHostPort(), false);
        ClientOrigin origin = forwardedHeaders.resolve(peer, name -> joined(exchange, name));
        if (!origin.secure() && !plainHttpPeers.contains(peerAddress)) {
            refuse(exchange, ProblemType.HTTPS_REQUIRED, "credentials are accepted over HTTPS only; use https://",
                    null);
            return;
        }
        String source = origin.address();
        String account = credentials.get().account();
        Optional<Duration> refusal = attempts.refusal(source, account);
        if (refusal.isPresent()) {
            refuse(exchange, ProblemType.TOO_MANY_ATTEMPTS, "too many failed logins from this address; try again later",
                    refusal.get());
            return;
        }
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            try {
                if (done.getStatusCode() == 401) {
                    attempts.failed(source, account);
                    failures.count();
                } else if (account != null && done.getSecurityContext() != null
                        && done.getSecurityContext().isAuthenticated()) {
                    attempts.succeeded(source, account);
                }
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    private static void refuse(HttpServerExchange exchange, ProblemType type, String detail, Duration retryAfter) {
        exchange.setStatusCode(type.status());
        if (retryAfter != null) {
            // RFC 9110 §10.2.3: whole seconds, at least one so that a client does not retry at once.
            long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(seconds));
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, PROBLEM_JSON);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        String body = Json.createObjectBuilder().add("type", ProblemType.URI_PREFIX + type.slug())
                .add("title", type.title()).add("status", type.status()).add("detail", detail).build().toString();
        exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
    }

    private static String address(InetSocketAddress source) {
        return source == null || source.getAddress() == null ? "" : source.getAddress().getHostAddress();
    }

    private static String joined(HttpServerExchange exchange, String name) {
        HeaderValues values = exchange.getRequestHeaders().get(HttpString.tryFromString(name));
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    /** What an {@code Authorization} header presents: a Basic user name, or a token (no account). */
    record Credentials(String account) {

        static Optional<Credentials> of(String authorization) {
            if (authorization == null) {
                return Optional.empty();
            }
            String header = authorization.strip();
            int space = header.indexOf(' ');
            // RFC 9110 §11.1: the scheme is case-insensitive.
            String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
            String rest = space < 0 ? "" : header.substring(space + 1).strip();
            return switch (scheme) {
            case "basic" -> Optional.of(new Credentials(basicUser(rest)));
            case "bearer" -> Optional.of(new Credentials(null));
            default -> Optional.empty();
            };
        }

        /** The user name of Basic credentials (RFC 7617); "" when they do not decode (still a failed login). */
        private static String basicUser(String encoded) {
            try {
                String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                String user = colon < 0 ? decoded : decoded.substring(0, colon);
                return user.length() <= MAX_ACCOUNT_CHARS ? user : user.substring(0, MAX_ACCOUNT_CHARS);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
    }
}
