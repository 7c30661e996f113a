/**
 * Call quality reporting (issue 22): the receiving side's loss and jitter per media type
 * ({@link org.confero.client.quality.ReceiveQuality}), the round trip of each media connection's own path
 * ({@link org.confero.client.media.MediaConnection#probeRoundTrip()}), sent to the router every few seconds
 * ({@link org.confero.client.quality.QualityReporter}); and the phase durations of the join, sent once
 * ({@link org.confero.client.quality.PhaseTimings}).
 */
package org.confero.client.quality;
