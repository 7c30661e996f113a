/**
 * Phase four: the control channel to the multimedia router (README "The control channel"). It resumes after a drop,
 * moves to another router ({@link org.confero.client.control.Relocation}) when its router can no longer be reached, and
 * holds the media credentials the router grants a participant it admitted.
 */
package org.confero.client.control;
