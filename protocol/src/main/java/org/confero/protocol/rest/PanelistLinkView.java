package org.confero.protocol.rest;

/**
 * Issue 23: what a webinar's host hands to its panelists. {@code panelistCode} goes in the lookup's
 * {@code X-Confero-Panelist-Code} header; {@code joinUrl} is the web client's join page with the code in the URL
 * fragment, which browsers never send to a server (so no proxy or access log keeps it).
 */
public record PanelistLinkView(String meetingId, String panelistCode, String joinUrl) {
}
