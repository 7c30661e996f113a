package org.confero.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.confero.web.rest.RestHarness.Answer;
import org.confero.web.rest.TestResources.Me;
import org.junit.jupiter.api.Test;

class ApiTokenAuthenticationTest {

    private final FakeVerifier verifier = new FakeVerifier(
            Map.of("good-token", AuthenticatedCaller.token("alice", Set.of("host", "admin"), "t-17"), "host-token",
                    AuthenticatedCaller.token("bob", Set.of("host"), "t-18")));

    @Test
    void aValidTokenMakesItsUserTheCallerWithTheirRoles() {
        Answer answer = api(ContainerSecurity.guest())
                .send(RestHarness.get("/me").header("Authorization", "Bearer good-token"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().getString("username")).isEqualTo("alice");
        assertThat(answer.json().getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("admin", "host");
        assertThat(answer.json().getString("via")).isEqualTo("token:t-17");
        assertThat(answer.json().getString("scheme")).isEqualTo("Bearer");
        assertThat(verifier.asked).containsExactly("good-token");
    }

    @Test
    void rolesAllowedSeesTheTokensRoles() {
        RestHarness api = api(ContainerSecurity.guest());

        assertThat(api.send(RestHarness.get("/me/admin").header("Authorization", "Bearer good-token")).status())
                .isEqualTo(200);
        Answer host = api.send(RestHarness.get("/me/admin").header("Authorization", "Bearer host-token"));
        assertThat(host.status()).isEqualTo(403);
        assertThat(host.problemType()).isEqualTo("forbidden");
    }

    @Test
    void anInvalidTokenIs401NeverAGuest() {
        Answer answer = api(ContainerSecurity.guest())
                .send(RestHarness.get("/me").header("Authorization", "Bearer revoked-token"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.problemType()).isEqualTo("unauthenticated");
        assertThat(answer.json().getString("detail")).isEqualTo("the API token is invalid, expired or revoked");
        assertThat(answer.json().getString("instance")).isEqualTo("/me");
        assertThat(answer.headers("WWW-Authenticate")).contains("Bearer realm=\"Confero\", error=\"invalid_token\"");
        assertThat(answer.body()).doesNotContain("revoked-token");
    }

    @Test
    void aBearerHeaderWithoutATokenIs401WithoutAskingTheVerifier() {
        Answer answer = api(ContainerSecurity.guest()).send(RestHarness.get("/me").header("Authorization", "Bearer "));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(verifier.asked).isEmpty();
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        Answer answer = api(ContainerSecurity.guest())
                .send(RestHarness.get("/me").header("Authorization", "bEaReR good-token"));

        assertThat(answer.json().getString("username")).isEqualTo("alice");
    }

    @Test
    void withoutATokenTheRequestStaysAGuests() {
        Answer answer = api(ContainerSecurity.guest()).send(RestHarness.get("/me"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().getString("via")).isEqualTo("guest");
        assertThat(verifier.asked).isEmpty();
    }

    @Test
    void aGuestCallingARoleProtectedResourceIsAskedToAuthenticate() {
        Answer answer = api(ContainerSecurity.guest()).send(RestHarness.get("/me/admin"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Confero\"");
    }

    @Test
    void httpBasicUsersKeepTheSecurityContextElytronGaveThem() {
        Answer answer = api(ContainerSecurity.basic("carol", "host"))
                .send(RestHarness.get("/me").header("Authorization", "Basic Y2Fyb2w6c2VjcmV0"));

        assertThat(answer.json().getString("username")).isEqualTo("carol");
        assertThat(answer.json().getString("via")).isEqualTo("basic");
        assertThat(answer.json().getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("host");
        assertThat(verifier.asked).isEmpty();
    }

    @Test
    void onlyTheBearerSchemeIsRecognised() {
        assertThat(ApiTokenAuthentication.bearerToken("Bearer abc")).contains("abc");
        assertThat(ApiTokenAuthentication.bearerToken("  Bearer   abc  ")).contains("abc");
        assertThat(ApiTokenAuthentication.bearerToken("Bearer")).contains("");
        assertThat(ApiTokenAuthentication.bearerToken("Basic abc")).isEmpty();
        assertThat(ApiTokenAuthentication.bearerToken("Bearerabc")).isEmpty();
        assertThat(ApiTokenAuthentication.bearerToken(null)).isEmpty();
    }

    private RestHarness api(ContainerSecurity container) {
        return RestHarness.with(BodySizeLimit.DEFAULT_MAX_BODY_BYTES, verifier, container, Me.class);
    }

    private static final class FakeVerifier implements ApiTokenVerifier {

        private final Map<String, AuthenticatedCaller> tokens;
        private final List<String> asked = new ArrayList<>();

        FakeVerifier(Map<String, AuthenticatedCaller> tokens) {
            this.tokens = tokens;
        }

        @Override
        public Optional<AuthenticatedCaller> verify(String bearerToken) {
            asked.add(bearerToken);
            return Optional.ofNullable(tokens.get(bearerToken));
        }
    }
}
