/**
 * Sockets and event loops of the relay: UDP (one socket per I/O thread and DSCP class via SO_REUSEPORT on epoll) and
 * TCP with RFC 4571 framing, on Netty's native epoll transport or JDK NIO. Event loops run on the caller's executor.
 */
package org.confero.media.relay.transport;
