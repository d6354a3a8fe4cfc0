package org.pyfutures.process;

import java.util.List;
import org.pyfutures.contract.Rendezvous;

/**
 * The main class of a JVM that {@link ParentDeathTest} starts and kills: it starts a pool of two workers, one busy
 * in a task and one idle, reports both pids to the test's rendezvous, and waits to be killed.
 */
final class PoolParentMain {
  private PoolParentMain() {}

  public static void main(String[] args) throws Exception {
    Rendezvous.Gate gate = new Rendezvous.Gate(Integer.parseInt(args[0]));
    ProcessPoolExecutor pool =
        ProcessPoolExecutor.builder().maxWorkers(2).jvmOptions(List.of("-XX:TieredStopAtLevel=1")).build();
    pool.submit(() -> FaultTasks.blockThenPid(gate, "busy"));
    pool.submit(() -> FaultTasks.reportPid(gate, "idle")).result();
    Thread.currentThread().join();
  }
}
