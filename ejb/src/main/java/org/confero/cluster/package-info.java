/** Replicated cluster state in the {@code confero} Infinispan cache container (WildFly's infinispan subsystem). */
package org.confero.cluster;
