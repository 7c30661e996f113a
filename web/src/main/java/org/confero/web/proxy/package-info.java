/**
 * Forwarded headers ({@code Forwarded}, {@code X-Forwarded-For/-Proto/-Host/-Port}) honoured only when the request
 * comes from an address in {@code confero.trusted.proxies}; from anyone else they are ignored, so a client cannot
 * choose its own address for zone ranking or rate limiting.
 */
package org.confero.web.proxy;
