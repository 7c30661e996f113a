/** Phase two: every zone controller of every listed zone is measured in parallel and the best one chosen. */
package org.confero.client.zone;
