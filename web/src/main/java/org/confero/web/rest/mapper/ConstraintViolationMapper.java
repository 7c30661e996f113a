package org.confero.web.rest.mapper;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.confero.web.rest.ProblemView.FieldError;
import org.confero.web.rest.Problems;

/**
 * Bean Validation of a request ({@code @Valid} records, constrained parameters): 400 {@code invalid-request} listing
 * each field and what is wrong with it. RESTEasy throws its {@code ResteasyViolationException}, a subclass, which this
 * mapper takes over from RESTEasy's own (registered for {@code ValidationException}, further up the hierarchy). A
 * violated constraint on a return value is the server's fault: a 500.
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    private static final Set<ElementKind> INVOCATION = Set.of(ElementKind.METHOD, ElementKind.CONSTRUCTOR,
            ElementKind.CROSS_PARAMETER);

    @Context
    Request request;

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(ConstraintViolationException e) {
        Set<ConstraintViolation<?>> violations = e.getConstraintViolations() == null ? Set.of()
                : e.getConstraintViolations();
        if (violations.stream().anyMatch(ConstraintViolationMapper::onReturnValue)) {
            return Incidents.report(e, request, uri);
        }
        List<FieldError> errors = violations.stream()
                .map(violation -> new FieldError(field(violation.getPropertyPath()), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message)).toList();
        return Problems.response(Problems.invalidFields(errors));
    }

    private static boolean onReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The field as the client knows it: {@code schedule.request.participants[2].email} becomes
     * {@code participants[2].email}. The method and the parameter holding the body are server names; a parameter that
     * is itself the invalid value ({@code @QueryParam("limit") @Max(100) int limit}) keeps its name.
     */
    static String field(Path path) {
        List<Path.Node> nodes = StreamSupport.stream(path.spliterator(), false)
                .filter(node -> !INVOCATION.contains(node.getKind())).toList();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean last = i == nodes.size() - 1;
            if (node.getKind() == ElementKind.PARAMETER && !last) {
                continue;
            }
            if (node.isInIterable()) {
                Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                field.append('[').append(at == null ? "" : at).append(']');
            }
            String name = node.getName();
            // Container elements are named like "<list element>", class-level constraints have no name.
            if (name != null && !name.startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        return field.isEmpty() ? "(request)" : field.toString();
    }
}
