/** {@code confero load}: simulated participants in several meetings, with delivered rates, loss and latency. */
package org.confero.cli.load;
