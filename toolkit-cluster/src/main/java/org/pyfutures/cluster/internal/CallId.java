package org.pyfutures.cluster.internal;

/**
 * Names one call of one pool across the cluster, so that a member can find it to stop one of its tasks.
 *
 * @param pool a random number drawn by each pool
 * @param sequence the call's number within its pool
 */
record CallId(long pool, long sequence) {}
