package org.confero.web.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;

import java.time.Instant;
import java.util.List;

import org.confero.web.rest.TestResources.Booking;
import org.junit.jupiter.api.Test;

class JsonbSettingsTest {

    private final Jsonb jsonb = new JsonbSettings().getContext(Booking.class);

    @Test
    void instantsAreIso8601NullsAreLeftOutAndNothingIsIndented() {
        String json = jsonb.toJson(new Booking("Standup", 15, Instant.parse("2025-01-31T09:00:00Z"), null));

        assertThat(json).isEqualTo("{\"minutes\":15,\"start\":\"2025-01-31T09:00:00Z\",\"topic\":\"Standup\"}");
    }

    @Test
    void unknownPropertiesAreRefused() {
        assertThatThrownBy(() -> jsonb.fromJson("{\"topic\":\"x\",\"minuets\":15}", Booking.class))
                .isInstanceOf(JsonbException.class).hasMessageContaining("minuets");
    }

    @Test
    void problemsKeepTheirRfcOrderAndLeaveOutWhatTheyDoNotHave() {
        ProblemView problem = Problems.invalidFields(List.of(new ProblemView.FieldError("topic", "must not be blank")))
                .withInstance("/api/v1/meetings");

        assertThat(jsonb.toJson(problem)).isEqualTo("{\"type\":\"https://confero.org/problems/invalid-request\","
                + "\"title\":\"The request is not valid\",\"status\":400,\"detail\":\"1 field is not valid\","
                + "\"instance\":\"/api/v1/meetings\","
                + "\"errors\":[{\"field\":\"topic\",\"message\":\"must not be blank\"}]}");
    }

    @Test
    void oneJsonbServesEveryType() {
        JsonbSettings settings = new JsonbSettings();

        assertThat(settings.getContext(Booking.class)).isSameAs(settings.getContext(ProblemView.class));
    }
}
