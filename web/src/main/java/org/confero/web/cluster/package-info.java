/** The admin's view of the cluster: routers and their load, where meetings are placed, this server's cascade links. */
package org.confero.web.cluster;
