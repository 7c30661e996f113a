/**
 * The network test: zones ranked for a client without a meeting, and throwaway test meetings on a router of this zone
 * whose media credentials let a client try UDP, TCP and WebSocket — the back end of {@code confero probe}.
 */
package org.confero.nettest;
