package org.confero.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.confero.common.api.ProblemType;
import org.junit.jupiter.api.Test;

class ContainerErrorServletTest {

    @Test
    void eachContainerStatusHasItsStableType() {
        assertThat(ContainerErrorServlet.problem(401, "GET", "/api/v1/meetings", null).type())
                .isEqualTo(ProblemType.UNAUTHENTICATED.uri());
        assertThat(ContainerErrorServlet.problem(403, "GET", "/webclient/", null).type())
                .isEqualTo(ProblemType.FORBIDDEN.uri());
        assertThat(ContainerErrorServlet.problem(404, "GET", "/nope", null).type())
                .isEqualTo(ProblemType.NOT_FOUND.uri());
        ProblemView wrongMethod = ContainerErrorServlet.problem(405, "DELETE", "/index.html", null);
        assertThat(wrongMethod.type()).isEqualTo(ProblemType.METHOD_NOT_ALLOWED.uri());
        assertThat(wrongMethod.detail()).contains("DELETE");
        assertThat(ContainerErrorServlet.problem(415, "POST", "/x", null).type())
                .isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE.uri());
        assertThat(ContainerErrorServlet.problem(418, "GET", "/x", null).type()).isEqualTo(Problems.ABOUT_BLANK);
    }

    @Test
    void aFailureIsNeverEchoed() {
        ProblemView failed = ContainerErrorServlet.problem(500, "GET", "/x",
                new IllegalStateException("jdbc:h2:/secret/path password=hunter2"));

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.incidentId()).isNotBlank();
        assertThat(failed.detail()).doesNotContain("secret").doesNotContain("hunter2")
                .doesNotContain("IllegalStateException");
    }
}
