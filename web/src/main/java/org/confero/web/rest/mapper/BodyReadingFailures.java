package org.confero.web.rest.mapper;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import org.confero.common.api.ProblemType;
import org.confero.web.rest.ProblemView;
import org.confero.web.rest.Problems;

/**
 * Turns a request body that cannot be read into a 400 that says why, at the one place where a failure is known to be
 * the client's: around the message body reader. The same exception types ({@code ProcessingException},
 * {@code JsonbException}) also come from writing an answer, which is the server's fault and a 500, so an exception
 * mapper alone could not tell the two apart.
 * <p>
 * A {@code WebApplicationException} inside the failure (the 413 of the body size limit, thrown from the entity stream
 * and wrapped by Yasson and RESTEasy) is answered as itself. An empty JSON body is refused too: RESTEasy hands the
 * resource {@code null} for it, which would surface later as a 500.
 */
@Provider
public class BodyReadingFailures implements ReaderInterceptor {

    private static final String BROKEN_OFF = "the request body could not be read to its end";

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        boolean json = isJson(context.getMediaType());
        Object entity;
        try {
            entity = context.proceed();
        } catch (IOException | RuntimeException e) {
            Optional<WebApplicationException> answer = webApplicationCause(e);
            if (answer.isPresent()) {
                throw answer.get();
            }
            // Before JSON: Parsson wraps a connection lost mid-body in a JsonException, yet the JSON was not wrong.
            if (causedBy(e, IOException.class)) {
                throw refused(Problems.of(ProblemType.INVALID_REQUEST, BROKEN_OFF), e);
            }
            if (JsonFailures.isJson(e)) {
                throw refused(Problems.of(ProblemType.MALFORMED_JSON, JsonFailures.describe(e)), e);
            }
            throw e;
        }
        if (entity == null && json) {
            throw refused(Problems.of(ProblemType.MALFORMED_JSON,
                    "the request body is empty; this operation needs a JSON document"), null);
        }
        return entity;
    }

    private static boolean isJson(MediaType type) {
        return type != null && ("json".equalsIgnoreCase(type.getSubtype())
                || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
    }

    private static Optional<WebApplicationException> webApplicationCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException answer) {
                return Optional.of(answer);
            }
        }
        return Optional.empty();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static BadRequestException refused(ProblemView problem, Throwable cause) {
        return new BadRequestException(problem.detail(), Problems.response(problem), cause);
    }
}
