package org.confero.testsuite.support;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a Prometheus text endpoint (exposition format 0.0.4), parsed into samples: what a test asserts exact
 * series values on. Only what WildFly's Prometheus registry writes is understood: {@code name{k="v",…} value}, escaped
 * quotes in values, comments skipped.
 */
public final class PrometheusScrape {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern
            .compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Sample> samples;
    private final String text;

    private PrometheusScrape(String text) {
        this.text = text;
        List<Sample> parsed = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            parsed.add(new Sample(m.group(1), labels, parse(m.group(4))));
        }
        this.samples = List.copyOf(parsed);
    }

    public static PrometheusScrape of(Http http, URI endpoint) throws Exception {
        HttpResponse<String> response = http.get(endpoint);
        if (response.statusCode() != 200) {
            throw new AssertionError("scrape of " + endpoint + " answered " + response.statusCode());
        }
        return new PrometheusScrape(response.body());
    }

    /** The value of the one series with this name whose labels include {@code labels} (pairs: key, value). */
    public OptionalDouble value(String name, String... labels) {
        List<Sample> matching = matching(name, labels);
        if (matching.size() > 1) {
            throw new AssertionError(
                    matching.size() + " series match " + name + " " + List.of(labels) + ": " + matching);
        }
        return matching.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(matching.get(0).value());
    }

    /** Like {@link #value} with 0 for a series not exported yet (a counter before its first event). */
    public double valueOrZero(String name, String... labels) {
        return value(name, labels).orElse(0);
    }

    public List<Sample> matching(String name, String... labels) {
        List<Sample> result = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.name().equals(name) && hasLabels(sample, labels)) {
                result.add(sample);
            }
        }
        return result;
    }

    public String text() {
        return text;
    }

    private static boolean hasLabels(Sample sample, String... labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }

    private static double parse(String value) {
        return switch (value) {
        case "+Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        case "NaN" -> Double.NaN;
        default -> Double.parseDouble(value);
        };
    }

    /** Confero's state series (histogram buckets left out), what a failure message needs to be understood. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(samples.size() + " samples");
        for (Sample sample : samples) {
            if (sample.name().startsWith("confero_") && !sample.labels().containsKey("le")) {
                text.append("\n  ").append(sample.name()).append(sample.labels()).append(' ').append(sample.value());
            }
        }
        return text.toString();
    }
}
