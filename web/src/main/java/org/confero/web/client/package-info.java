/**
 * The browser web client's server side: the join page at {@code /join/<meeting>} (the URL the meeting lookup hands out
 * as {@code webClientUrl}) and the headers every web client resource is served with (a strict Content Security Policy;
 * camera, microphone and screen capture for this origin only). The client itself is static ES modules under
 * {@code /webclient/}; it runs the connection process against the public REST API and WebSockets like any client.
 */
package org.confero.web.client;
