/**
 * Call quality per participant (issue 22): what clients report on the control channel every few seconds (loss, jitter,
 * round trip per media type; once, their join phases), kept per participant in a bounded store keyed by the server-side
 * identity of the connection, shown to admins and fed into the metrics' histograms.
 */
package org.confero.quality;
