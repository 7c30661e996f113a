/**
 * The join-time benchmark's processes: {@link org.confero.bench.join.Peer} keeps test audio flowing into a meeting,
 * {@link org.confero.bench.join.Joiner} times fresh joins into it, one per command, each phase and the first audio
 * packet received. {@code bench/join/run} drives both and turns their JSON lines into figures.
 */
package org.confero.bench.join;
