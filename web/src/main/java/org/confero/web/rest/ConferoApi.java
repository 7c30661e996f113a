package org.confero.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API. No classes are listed: every {@code @Path} and {@code @Provider} of the WAR belongs to it, and
 * WildFly's microprofile-openapi subsystem serves its description at {@code /openapi}. Resources name the security
 * schemes below in {@code @SecurityRequirement}, so their names are part of the contract.
 */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(info = @Info(title = "Confero", version = "1", description = ConferoApi.DESCRIPTION))
@SecurityScheme(securitySchemeName = ConferoApi.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic")
@SecurityScheme(securitySchemeName = ConferoApi.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer")
public class ConferoApi extends Application {

    /** Users: username and password, checked by Elytron. */
    public static final String BASIC = "basic";
    /** API tokens: {@code Authorization: Bearer <token>}, checked by {@link ApiTokenAuthentication}. */
    public static final String BEARER = "bearer";

    static final String DESCRIPTION = "Meetings, meeting lookup and administration. Users authenticate with HTTP "
            + "Basic, integrations with an API token (Authorization: Bearer <token>). Every error is an RFC 9457 "
            + "problem (application/problem+json) whose type URI never changes meaning; lists are paged with "
            + "offset and limit and carry RFC 8288 Link headers.";
}
