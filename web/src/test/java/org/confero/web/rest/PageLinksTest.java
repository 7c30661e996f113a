package org.confero.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.confero.web.rest.RestHarness.Answer;
import org.junit.jupiter.api.Test;

/**
 * RFC 8288 links over the 42 numbers of {@link PageRequestTest.Numbers}. The mock request has no host, so the links
 * come out relative; on the server they carry the client's scheme and host.
 */
class PageLinksTest {

    private final RestHarness api = RestHarness.of(PageRequestTest.Numbers.class);

    @Test
    void theFirstPageLinksOnlyToTheNext() {
        List<String> links = links("/numbers?limit=20");

        assertThat(links).containsExactly("</numbers?offset=20&limit=20>; rel=\"next\"");
    }

    @Test
    void aMiddlePageLinksBothWaysAndKeepsOtherParameters() {
        List<String> links = links("/numbers?offset=20&limit=10&sort=name");

        assertThat(links).containsExactlyInAnyOrder("</numbers?sort=name&offset=30&limit=10>; rel=\"next\"",
                "</numbers?sort=name&offset=10&limit=10>; rel=\"prev\"");
    }

    @Test
    void theLastPageLinksOnlyBack() {
        List<String> links = links("/numbers?offset=40&limit=20");

        assertThat(links).containsExactly("</numbers?offset=20&limit=20>; rel=\"prev\"");
    }

    @Test
    void pastTheEndPrevLeadsToTheLastPage() {
        List<String> links = links("/numbers?offset=500&limit=20");

        assertThat(links).containsExactly("</numbers?offset=22&limit=20>; rel=\"prev\"");
    }

    @Test
    void aSinglePageHasNoLinks() {
        assertThat(links("/numbers?limit=100")).isEmpty();
    }

    private List<String> links(String uri) {
        Answer answer = api.send(RestHarness.get(uri));
        assertThat(answer.status()).isEqualTo(200);
        return answer.headers("Link");
    }
}
