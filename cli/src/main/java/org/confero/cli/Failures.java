package org.confero.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;

import javax.net.ssl.SSLException;

import jakarta.json.Json;

import org.confero.client.ConnectionFailedException;
import org.confero.client.control.NotAdmittedException;
import org.confero.client.http.IoReasons;
import org.confero.client.http.ProblemException;

/**
 * Turns what went wrong into what the user reads and the exit code a script sees: the server's refusal (its problem
 * type and detail), not being admitted from a waiting room, a connectivity failure (with the browser URL to fall back
 * on), a TLS trust failure (with the options that fix it).
 */
public final class Failures {

    private Failures() {
    }

    /** Reports {@code e} on {@code console} and says how the command ends. */
    public static ExitCode report(Console console, IOException e, Optional<String> fallbackWebClientUrl) {
        if (e instanceof ProblemException p) {
            String detail = p.detail().orElse(p.getMessage());
            console.report(null, Json.createObjectBuilder().add("event", "refused").add("status", p.status())
                    .add("type", p.type()).add("detail", detail).build());
            console.error("the server refused (" + p.status() + " " + p.slug() + "): " + detail);
            return p.status() >= 400 && p.status() < 500 ? ExitCode.REFUSED : ExitCode.UNREACHABLE;
        }
        if (e instanceof NotAdmittedException n) {
            return notAdmitted(console, n);
        }
        Optional<String> webClient = e instanceof ConnectionFailedException c
                ? c.webClientUrl().or(() -> fallbackWebClientUrl) : fallbackWebClientUrl;
        String reason = describe(e);
        console.report(null, Json.createObjectBuilder().add("event", "unreachable").add("reason", reason)
                .add("webClientUrl", webClient.orElse("")).build());
        console.error("could not connect: " + reason);
        webClient.ifPresent(url -> console.say("Join from a browser instead: " + url));
        return ExitCode.UNREACHABLE;
    }

    /**
     * The meeting would not have us: a refusal (exit 3), except a control connection lost while waiting — a network
     * failure (exit 4), where joining again may work.
     */
    private static ExitCode notAdmitted(Console console, NotAdmittedException e) {
        String reason = e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        console.report(null, Json.createObjectBuilder().add("event", "not-admitted").add("reason", reason)
                .add("detail", e.getMessage()).build());
        console.error("not admitted to the meeting: " + e.getMessage());
        return e.reason() == NotAdmittedException.Reason.CONNECTION_LOST ? ExitCode.UNREACHABLE : ExitCode.REFUSED;
    }

    /** The browser join page of a meeting on a server, for when the lookup itself failed. */
    public static String webClientUrl(URI server, String meetingId) {
        return server.resolve("/join/" + meetingId).toString();
    }

    static String describe(IOException e) {
        if (e instanceof ConnectionFailedException) {
            return e.getMessage().replaceFirst("; join from a browser instead: .*$", "");
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof SSLException || root instanceof SSLException
                || root instanceof java.security.cert.CertificateException) {
            return "TLS: " + root.getMessage()
                    + " (a self-signed server: --ca-cert <its certificate>, e.g. var/data/tls/confero.crt)";
        }
        if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException) {
            return "no answer in time (" + e.getMessage() + ")";
        }
        return IoReasons.describe(e);
    }
}
