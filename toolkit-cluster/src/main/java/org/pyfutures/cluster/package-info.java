/**
 * {@link org.pyfutures.cluster.ClusterExecutor}: the pyfutures {@code Executor} over the members of a Hazelcast
 * cluster, for work that outgrows one machine.
 */
package org.pyfutures.cluster;
