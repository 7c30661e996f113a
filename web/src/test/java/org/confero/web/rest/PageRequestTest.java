package org.confero.web.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.stream.IntStream;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.protocol.rest.PageView;
import org.confero.web.rest.RestHarness.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageRequestTest {

    @Test
    void absentParametersGiveTheFirstPageOfTwenty() {
        PageRequest page = new PageRequest(null, null);

        assertThat(page.offset()).isZero();
        assertThat(page.limit()).isEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource({ "0, 1", "40, 100", "2147483647, 50", "' 7 ', ' 9 '" })
    void valuesInsideTheBoundsAreTaken(String offset, String limit) {
        PageRequest page = new PageRequest(offset, limit);

        assertThat(page.offset()).isEqualTo(Integer.parseInt(offset.strip()));
        assertThat(page.limit()).isEqualTo(Integer.parseInt(limit.strip()));
    }

    @ParameterizedTest
    @CsvSource({ "0", "101", "-1", "abc", "1.5", "99999999999999999999" })
    void aLimitOutsideOneToAHundredIsBadInput(String limit) {
        assertThatThrownBy(() -> new PageRequest(null, limit).limit()).isInstanceOfSatisfying(DomainException.class,
                e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST);
                    assertThat(e.detail()).startsWith("limit must be a whole number from 1 to 100, not '");
                });
    }

    @ParameterizedTest
    @CsvSource({ "-1", "ten", "2147483648" })
    void aNegativeOrNonNumericOffsetIsBadInput(String offset) {
        assertThatThrownBy(() -> new PageRequest(offset, null).offset()).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.detail()).startsWith("offset must be a whole number 0 or more"));
    }

    @Test
    void aLongValueIsShortenedInTheDetail() {
        assertThatThrownBy(() -> new PageRequest(null, "x".repeat(500)).limit())
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.detail()).hasSizeLessThan(100));
    }

    @Test
    void throughJaxRsABadLimitIsA400ProblemAndGoodOnesArrive() {
        RestHarness api = RestHarness.of(Numbers.class);

        Answer bad = api.send(RestHarness.get("/numbers?limit=500"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.problemType()).isEqualTo("invalid-request");
        assertThat(bad.json().getString("detail")).isEqualTo("limit must be a whole number from 1 to 100, not '500'");

        Answer good = api.send(RestHarness.get("/numbers?offset=10&limit=5"));
        assertThat(good.status()).isEqualTo(200);
        assertThat(good.json().getJsonArray("items").getJsonNumber(0).intValue()).isEqualTo(10);
        assertThat(good.json().getInt("total")).isEqualTo(42);
    }

    /** 42 numbers, paged. */
    @Path("numbers")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Numbers {

        @Context
        UriInfo uri;

        @GET
        public Response list(@BeanParam PageRequest page) {
            List<Integer> items = IntStream.range(page.offset(), Math.min(42, page.offset() + page.limit())).boxed()
                    .toList();
            PageView<Integer> view = new PageView<>(items, 42, page.offset(), page.limit());
            return PageLinks.add(Response.ok(view), uri, view).build();
        }
    }
}
