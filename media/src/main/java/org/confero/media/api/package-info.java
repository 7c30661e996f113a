/**
 * What EJBs and the web tier see of the media relay: the outbound connection factory bound at
 * {@link org.confero.media.api.MediaConnectionFactory#JNDI_NAME}, and the views it returns. These classes live once, in
 * the EAR's {@code lib/}, so the resource adapter and its callers share them.
 */
package org.confero.media.api;
