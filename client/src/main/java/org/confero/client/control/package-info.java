/**
 * Phase four: the control channel to the multimedia router (README "The control channel"). It resumes after a drop, and
 * moves to another router ({@link org.confero.client.control.Relocation}) when its router can no longer be reached.
 */
package org.confero.client.control;
