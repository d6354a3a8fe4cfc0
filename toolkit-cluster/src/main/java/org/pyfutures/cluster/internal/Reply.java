package org.pyfutures.cluster.internal;

import org.pyfutures.internal.RemoteFailure;

/**
 * What a member sends back for a task: its result, or its failure in portable form.
 *
 * @param value the result, when {@code failure} is null
 * @param failure the task's exception, or null
 */
public record Reply(Object value, RemoteFailure failure, long copyNanos, long runNanos) {}
