/** Secrets at rest: slow salted hashes for passwords and passcodes, as WildFly Elytron can verify them. */
package org.confero.security;
