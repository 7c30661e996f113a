/**
 * Phase three: the chosen zone controller names the multimedia router and its media endpoints. A meeting's media
 * credentials come later, from the router's control channel, once the router admitted the participant.
 */
package org.confero.client.assign;
