/** Phase four: the control channel to the multimedia router (README "The control channel"). */
package org.confero.client.control;
