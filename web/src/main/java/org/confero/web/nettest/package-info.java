/** The network test's REST resources: the deployment's zones for a client, and throwaway test meetings. */
package org.confero.web.nettest;
