/**
 * The JCA layer of the relay (outbound): the resource adapter bean whose life cycle the container drives, and the
 * managed connection plumbing behind {@link org.confero.media.api.MediaConnectionFactory}. Kept thin: the relay core
 * does the work, this package only adapts it to the container.
 */
package org.confero.media.ra;
