/**
 * Test media: RTP packets that carry their sender's sequence number and wall-clock send time, sent at a media type's
 * packet rate, and the receiving side's counts, loss per sender and one-way delay.
 */
package org.confero.cli.media;
