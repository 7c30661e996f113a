/** {@code confero meetings create|list|delete}: the meetings REST API from the shell. */
package org.confero.cli.meetings;
