/** The checks of concrete dependencies: the JTA datasource, the {@code confero} cache container, the media relay. */
package org.confero.health.infrastructure;
