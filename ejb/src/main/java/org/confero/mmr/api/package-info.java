/** What other modules see of the router's state; packed into the EAR's lib/ (ejb-shared.jar). */
package org.confero.mmr.api;
