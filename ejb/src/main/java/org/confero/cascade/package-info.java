/**
 * Cascading: when one meeting spans several routers (overflow past a router's capacity, or after a failover), every
 * pair of them links once per media type, so that participants on different routers hear and see each other.
 */
package org.confero.cascade;
