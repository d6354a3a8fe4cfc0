package org.pyfutures.contract;

/**
 * The whole executor contract suite. A module runs it against its executor with one class:
 *
 * <pre>{@code
 * class MyPoolContractTest implements ExecutorContract {
 *   public ExecutorFactory executors() { return (n, init) -> new MyPool(n, init); }
 * }
 * }</pre>
 */
public interface ExecutorContract extends SubmitContract {}
