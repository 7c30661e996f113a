/**
 * What every WebSocket endpoint of Confero shares: bounded, serial outgoing queues (a client that stops reading is
 * disconnected rather than allowed to grow the server's memory), the client address of the upgrade request after
 * trusted proxies (which the WebSocket API does not give), and a count of simultaneous connections per source address.
 */
package org.confero.web.socket;
