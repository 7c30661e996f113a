package org.confero.web.rest.mapper;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what was wrong with a JSON request body, from the exceptions Yasson and Parsson threw reading it, in words for
 * the client. Their messages are not passed on as they are: they name Java classes and give Yasson configuration
 * advice. What is kept is structural (where the syntax broke, which property, which kind of value was expected), and
 * every piece taken from the request is shortened, so a detail never echoes the body.
 * <p>
 * What RESTEasy 6.2 with Yasson 3.0 throws (checked by {@code BodyReadingFailuresTest}): a {@code ProcessingException}
 * ("RESTEASY008200: JSON Binding deserialization error") caused by a {@link JsonbException}, caused by a
 * {@link JsonParsingException} for broken syntax, by nested {@code JsonbException}s "Unable to deserialize property 'x'
 * because of: ..." for a value of the wrong type, and by none for an unknown property ("Json property x can not be
 * mapped to a class ...").
 */
final class JsonFailures {

    private static final int MAX_ECHO = 80;
    private static final Pattern PROPERTY = Pattern.compile("Unable to deserialize property '([^']*)'");
    private static final Pattern UNKNOWN = Pattern.compile("Json property (.*) can not be mapped to a class");
    private static final Pattern EXPECTED = Pattern.compile("Expected tokens are: \\[([A-Z_, ]+)\\]");

    private JsonFailures() {
    }

    /** Whether {@code failure} or one of its causes comes from JSON parsing or binding. */
    static boolean isJson(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonException || t instanceof JsonbException) {
                return true;
            }
        }
        return false;
    }

    /** What was wrong, for a {@code malformed-json} problem's detail. */
    static String describe(Throwable failure) {
        List<String> path = new ArrayList<>();
        Throwable innermost = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            innermost = t;
            if (t instanceof JsonParsingException parsing) {
                return "the body is not valid JSON" + location(parsing) + expectedTokens(parsing);
            }
            if (t instanceof JsonbException && t.getMessage() != null) {
                Matcher unknown = UNKNOWN.matcher(t.getMessage());
                if (unknown.find()) {
                    return "unknown property '" + shorten(unknown.group(1)) + "'" + in(path)
                            + "; check its spelling against the API description";
                }
                Matcher property = PROPERTY.matcher(t.getMessage());
                if (property.find()) {
                    path.add(shorten(property.group(1)));
                }
            }
        }
        if (!path.isEmpty()) {
            return "property '" + String.join(".", path) + "' has a value of the wrong type or format"
                    + expected(innermost);
        }
        return "the body does not have the shape this operation expects (a JSON object with the documented properties)";
    }

    private static String location(JsonParsingException parsing) {
        var where = parsing.getLocation();
        return where == null ? "" : " (line " + where.getLineNumber() + ", column " + where.getColumnNumber() + ")";
    }

    // Parsson names the tokens it expected (COMMA, CURLYCLOSE): grammar, never the body's content.
    private static String expectedTokens(JsonParsingException parsing) {
        Matcher expected = EXPECTED.matcher(String.valueOf(parsing.getMessage()));
        return expected.find() ? "; expected " + expected.group(1) : "";
    }

    private static String in(List<String> path) {
        return path.isEmpty() ? "" : " in '" + String.join(".", path) + "'";
    }

    private static String expected(Throwable innermost) {
        if (innermost instanceof DateTimeParseException) {
            return " (expected an ISO-8601 date-time such as 2025-01-31T09:00:00Z)";
        }
        if (innermost instanceof NumberFormatException) {
            return " (expected a number)";
        }
        return "";
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
    }
}
