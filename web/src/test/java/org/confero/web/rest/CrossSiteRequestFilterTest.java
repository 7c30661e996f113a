package org.confero.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrossSiteRequestFilterTest {

    @Test
    void whatACrossSiteFormOrSimpleFetchCanSendIsRefused() {
        assertThat(CrossSiteRequestFilter.allowed("application/x-www-form-urlencoded", null)).isFalse();
        assertThat(CrossSiteRequestFilter.allowed("multipart/form-data; boundary=x", null)).isFalse();
        assertThat(CrossSiteRequestFilter.allowed("text/plain;charset=UTF-8", null)).isFalse();
        assertThat(CrossSiteRequestFilter.allowed(null, null)).as("no body, no header").isFalse();
        assertThat(CrossSiteRequestFilter.allowed("  ", null)).isFalse();
        assertThat(CrossSiteRequestFilter.allowed("application/jsonx", null)).isFalse();
        assertThat(CrossSiteRequestFilter.allowed("not a media type", null)).isFalse();
    }

    @Test
    void jsonOrTheCustomHeaderIsAccepted() {
        assertThat(CrossSiteRequestFilter.allowed("application/json", null)).isTrue();
        assertThat(CrossSiteRequestFilter.allowed("Application/JSON; charset=utf-8", null)).isTrue();
        assertThat(CrossSiteRequestFilter.allowed("application/merge-patch+json", null)).isTrue();
        assertThat(CrossSiteRequestFilter.allowed(null, "1")).isTrue();
        assertThat(CrossSiteRequestFilter.allowed("text/plain", "")).as("any value: it cannot be sent cross-site")
                .isTrue();
    }
}
