package org.confero.web.rest.mapper;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.ResponseBuilder;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.time.Duration;

import org.confero.common.api.DomainException;
import org.confero.web.rest.Problems;

/** A failure the domain reports: its own problem type and detail, and {@code Retry-After} when it says when. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Override
    public Response toResponse(DomainException e) {
        ResponseBuilder answer = Problems.builder(Problems.of(e.type(), e.detail()));
        e.retryAfter().ifPresent(wait -> answer.header(HttpHeaders.RETRY_AFTER, seconds(wait)));
        return answer.build();
    }

    // RFC 9110 §10.2.3: whole seconds; rounded up so that a client never comes back too early.
    static long seconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
