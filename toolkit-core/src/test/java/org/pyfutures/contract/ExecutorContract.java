package org.pyfutures.contract;

/**
 * The whole executor contract suite: CPython's {@code test_concurrent_futures} behaviours plus pyfutures'
 * deliberate differences, as JUnit 5 test interfaces. A module runs it against its executor with one class:
 *
 * <pre>{@code
 * class MyPoolContractTest implements ExecutorContract {
 *   public ExecutorFactory executors() { return (n, init) -> new MyPool(n, init); }
 * }
 * }</pre>
 *
 * <p>Every task is a static method or a serializable lambda that coordinates through a {@link Rendezvous}, so
 * the suite runs unchanged on thread, interpreter and process pools.
 */
public interface ExecutorContract
    extends SubmitContract,
        WaitContract,
        AsCompletedContract,
        MapContract,
        ShutdownContract,
        StopContract,
        InitializerContract,
        PoolSizingContract,
        CallbackContract,
        StatsContract,
        AutoChunksizeContract {}
