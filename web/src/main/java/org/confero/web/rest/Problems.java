package org.confero.web.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.ResponseBuilder;

import java.util.List;
import java.util.Optional;

import org.confero.common.api.ProblemType;

/** Builds problem answers (RFC 9457): the only way the API says that something went wrong. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    /** RFC 9457 §4.2.1: the type of a problem that has no more meaning than its HTTP status. */
    public static final String ABOUT_BLANK = "about:blank";

    /** The challenge sent with every 401, so that clients know to send HTTP Basic (or a bearer token). */
    public static final String BASIC_CHALLENGE = "Basic realm=\"Confero\"";

    private Problems() {
    }

    public static ProblemView of(ProblemType type, String detail) {
        return new ProblemView(type.uri(), type.title(), type.status(), detail, null, null, null);
    }

    /** A 400 {@code invalid-request} naming each invalid field. */
    public static ProblemView invalidFields(List<ProblemView.FieldError> errors) {
        String detail = errors.size() == 1 ? "1 field is not valid" : errors.size() + " fields are not valid";
        ProblemType type = ProblemType.INVALID_REQUEST;
        return new ProblemView(type.uri(), type.title(), type.status(), detail, null, errors, null);
    }

    /** A 500 that tells the client nothing but the id under which the failure was logged. */
    public static ProblemView internalError(String incidentId) {
        ProblemType type = ProblemType.INTERNAL_ERROR;
        return new ProblemView(type.uri(), type.title(), type.status(),
                "The server failed to handle the request; the incident is logged as " + incidentId, null, null,
                incidentId);
    }

    /** A problem for a bare HTTP status: our problem type for it if there is one, else {@code about:blank}. */
    public static ProblemView forStatus(int status, String detail) {
        return typeForStatus(status).map(type -> of(type, detail))
                .orElseGet(() -> new ProblemView(ABOUT_BLANK, reasonPhrase(status), status, detail, null, null, null));
    }

    /**
     * The problem type that stands for a bare status. Only statuses with one generic type are listed: 403 could be a
     * wrong passcode, 409 an ended meeting, and only the code that knows says so.
     */
    static Optional<ProblemType> typeForStatus(int status) {
        return Optional.ofNullable(switch (status) {
        case 400 -> ProblemType.INVALID_REQUEST;
        case 401 -> ProblemType.UNAUTHENTICATED;
        case 403 -> ProblemType.FORBIDDEN;
        case 404 -> ProblemType.NOT_FOUND;
        case 405 -> ProblemType.METHOD_NOT_ALLOWED;
        case 406 -> ProblemType.NOT_ACCEPTABLE;
        case 409 -> ProblemType.CONFLICT;
        case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
        case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
        case 429 -> ProblemType.TOO_MANY_ATTEMPTS;
        case 500 -> ProblemType.INTERNAL_ERROR;
        case 503 -> ProblemType.UNAVAILABLE;
        default -> null;
        });
    }

    private static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }

    /** The answer carrying {@code problem}, with its status and content type set; add headers before building. */
    public static ResponseBuilder builder(ProblemView problem) {
        ResponseBuilder builder = Response.status(problem.status()).type(PROBLEM_JSON).entity(problem);
        if (problem.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
        }
        return builder;
    }

    public static Response response(ProblemView problem) {
        return builder(problem).build();
    }

    public static Response response(ProblemType type, String detail) {
        return response(of(type, detail));
    }
}
