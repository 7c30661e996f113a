package org.confero.client.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How a REST call proves who makes it: an API token ({@code cft_…}, preferred) or a user name and password. */
public final class ApiCredentials {

    private final String authorization;

    private ApiCredentials(String authorization) {
        this.authorization = authorization;
    }

    public static ApiCredentials token(String token) {
        return new ApiCredentials("Bearer " + token.trim());
    }

    public static ApiCredentials password(String user, char[] password) {
        String pair = user + ":" + new String(password);
        return new ApiCredentials("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** The value of the {@code Authorization} header. */
    String header() {
        return authorization;
    }

    @Override
    public String toString() {
        return "ApiCredentials[" + authorization.substring(0, authorization.indexOf(' ')) + " …]";
    }
}
