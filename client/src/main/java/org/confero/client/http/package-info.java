/**
 * How the client library talks HTTP: one {@link java.net.http.HttpClient} per client, built with the TLS trust and the
 * proxy the options ask for, JSON bodies, and RFC 9457 problem answers as
 * {@link org.confero.client.http.ProblemException}.
 */
package org.confero.client.http;
