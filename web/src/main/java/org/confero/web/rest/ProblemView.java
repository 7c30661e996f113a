package org.confero.web.rest;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem, sent as {@code application/problem+json}. {@code errors} lists the invalid fields of a rejected
 * request; {@code incidentId} names the server log entry of a 500. Absent members are left out of the JSON.
 */
@Schema(name = "Problem", description = "An RFC 9457 problem detail")
@JsonbPropertyOrder({ "type", "title", "status", "detail", "instance", "errors", "incidentId" })
public record ProblemView(@Schema(description = "Stable URI of the problem type; clients may switch on it") String type,
        String title, int status,
        @Schema(description = "What went wrong with this request, for a person to read") String detail,
        @Schema(description = "The request path") String instance, List<FieldError> errors,
        @Schema(description = "Quoted in the server log next to the failure (500 only)") String incidentId) {

    public ProblemView {
        errors = errors == null ? null : List.copyOf(errors);
    }

    public ProblemView withInstance(String newInstance) {
        return new ProblemView(type, title, status, detail, newInstance, errors, incidentId);
    }

    /** One invalid field: {@code field} is the property path in the request ({@code participants[2].email}). */
    public record FieldError(String field, String message) {
    }
}
