/**
 * Sockets and event loops of the relay: UDP (one socket per I/O thread and DSCP class via SO_REUSEPORT on epoll) and
 * TCP with RFC 4571 framing, on Netty's native epoll transport or JDK NIO. Event loops run on the caller's executor. On
 * epoll, UDP is read in bursts of up to 64 datagrams (recvmmsg) and a burst's sends leave in one flush (sendmmsg),
 * merged per receiver into UDP GSO sends ({@link org.confero.media.relay.transport.GsoCoalescer}).
 */
package org.confero.media.relay.transport;
