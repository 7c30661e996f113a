package org.confero.web.rest.mapper;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.ResponseBuilder;

import java.util.Locale;
import java.util.Set;

import org.confero.web.rest.ProblemView;
import org.confero.web.rest.Problems;

/** Builds the answer to a {@link WebApplicationException} the mappers have a problem for. */
final class ExceptionAnswers {

    // Describe the body we replace; everything else the exception's answer says (Allow, Retry-After, its own
    // WWW-Authenticate challenges) is kept.
    private static final Set<String> BODY_HEADERS = Set.of(HttpHeaders.CONTENT_TYPE.toLowerCase(Locale.ROOT),
            HttpHeaders.CONTENT_LENGTH.toLowerCase(Locale.ROOT), HttpHeaders.CONTENT_ENCODING.toLowerCase(Locale.ROOT),
            HttpHeaders.CONTENT_LANGUAGE.toLowerCase(Locale.ROOT));

    private ExceptionAnswers() {
    }

    /** The exception's own answer if it already is a problem (built by us), else {@code problem} with its headers. */
    static Response answer(WebApplicationException e, ProblemView problem) {
        Response original = e.getResponse();
        if (original.getEntity() instanceof ProblemView) {
            return original;
        }
        ResponseBuilder builder = Problems.builder(problem);
        original.getStringHeaders().forEach((name, values) -> {
            if (!BODY_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, null);
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }
}
