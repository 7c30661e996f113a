package org.confero.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command line as positional words, {@code --option value} pairs and {@code --flag}s. Which names take a value is
 * declared up front, so that a typo is an error instead of a silently ignored option.
 */
public final class Arguments {

    private final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Arguments() {
    }

    /**
     * @param valued
     *            options that take a value ({@code --name Ann} or {@code --name=Ann}); may repeat
     * @param flagNames
     *            options without a value
     */
    public static Arguments parse(List<String> words, Set<String> valued, Set<String> flagNames) throws UsageException {
        Arguments a = new Arguments();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--")) {
                a.positional.addAll(words.subList(i + 1, words.size()));
                break;
            }
            if (!word.startsWith("--") || word.length() == 2) {
                a.positional.add(word);
                continue;
            }
            String name = word.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagNames.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                a.flags.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= words.size()) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = words.get(++i);
                }
                a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return a;
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** The last value given for {@code name}. */
    public Optional<String> option(String name) {
        List<String> values = options.get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    public List<String> options(String name) {
        return List.copyOf(options.getOrDefault(name, List.of()));
    }

    public int intOption(String name, int defaultValue, int min, int max) throws UsageException {
        Optional<String> text = option(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get().trim());
            if (value < min || value > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + text.get() + "'");
        }
    }

    public double secondsOption(String name, double defaultValue, double min, double max) throws UsageException {
        Optional<String> text = option(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(text.get().trim());
            if (!(value >= min && value <= max)) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + " seconds");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number of seconds, not '" + text.get() + "'");
        }
    }
}
