package org.pyfutures.cluster.internal;

import org.pyfutures.internal.RemoteFailure;

/**
 * What a member sends back for a task: its result, or its failure in portable form.
 *
 * @param value the result, when {@code failure} is null
 * @param failure the task's exception, or null
 * @param copyNanos the member's time decoding the task
 * @param runNanos the time inside the task body; negative for a task skipped because the host cancelled it first
 */
public record Reply(Object value, RemoteFailure failure, long copyNanos, long runNanos) {}
