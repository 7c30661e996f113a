/** The cluster benchmark's Java side: chat latency within and across routers, and kill → media flowing again. */
package bench.cluster;
