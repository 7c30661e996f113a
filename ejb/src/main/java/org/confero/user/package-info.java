/** People who use Confero: hosts and admins (stored users, authenticated by WildFly Elytron) and their API tokens. */
package org.confero.user;
