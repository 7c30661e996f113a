/**
 * The health report as the rest of the EAR sees it. Lives in the EAR's lib/ (ejb-shared.jar), so that every module, and
 * the MicroProfile Health probes, share these classes.
 */
package org.confero.health.api;
