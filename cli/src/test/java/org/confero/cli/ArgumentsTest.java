package org.confero.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static final Set<String> VALUED = Set.of("name", "meeting", "duration");
    private static final Set<String> FLAGS = Set.of("json");

    @Test
    void separatesWordsOptionsAndFlags() throws UsageException {
        Arguments a = Arguments.parse(List.of("join", "123", "--name", "Ann", "--json", "--duration=4.5", "--meeting",
                "1", "--meeting", "2", "--", "--literal"), VALUED, FLAGS);
        assertThat(a.positional()).containsExactly("join", "123", "--literal");
        assertThat(a.option("name")).contains("Ann");
        assertThat(a.flag("json")).isTrue();
        assertThat(a.secondsOption("duration", 0, 0, 10)).isEqualTo(4.5);
        assertThat(a.options("meeting")).containsExactly("1", "2");
        assertThat(a.option("meeting")).contains("2");
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> Arguments.parse(List.of("--nmae", "Ann"), VALUED, FLAGS))
                .hasMessage("unknown option --nmae");
        assertThatThrownBy(() -> Arguments.parse(List.of("--name"), VALUED, FLAGS)).hasMessage("--name needs a value");
        assertThatThrownBy(() -> Arguments.parse(List.of("--json=yes"), VALUED, FLAGS))
                .hasMessage("--json takes no value");
    }

    @Test
    void checksNumbersAndTheirRange() throws UsageException {
        Arguments a = Arguments.parse(List.of("--duration", "abc", "--name", "7"), VALUED, FLAGS);
        assertThatThrownBy(() -> a.secondsOption("duration", 1, 0, 10)).hasMessageContaining("number of seconds");
        assertThatThrownBy(() -> a.intOption("name", 1, 10, 20)).hasMessageContaining("between 10 and 20");
        assertThat(a.intOption("missing", 3, 1, 5)).isEqualTo(3);
    }
}
