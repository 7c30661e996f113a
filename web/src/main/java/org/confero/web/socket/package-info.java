/**
 * What every WebSocket endpoint of Confero shares: bounded, serial outgoing queues (a client that stops reading is
 * disconnected rather than allowed to grow the server's memory).
 */
package org.confero.web.socket;
