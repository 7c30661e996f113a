/**
 * Is this server fit to take users? The checks of the dependencies a Confero server cannot work without (database,
 * cluster cache container, media relay), run with a deadline each, and the report the load balancer's
 * {@code /healthCheck} and MicroProfile Health both read.
 */
package org.confero.health;
