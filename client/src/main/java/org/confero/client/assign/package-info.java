/** Phase three: the chosen zone controller names the multimedia router and issues media credentials. */
package org.confero.client.assign;
