package org.pyfutures.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.pyfutures.Executor;
import org.pyfutures.Future;
import org.pyfutures.ThreadPoolExecutor;
import org.pyfutures.examples.workloads.Counters;
import org.pyfutures.examples.workloads.Counters.Way;

/**
 * The {@code race} subcommand: a GIL never made shared state safe, and Java has none — {@code counter += 1} from
 * two threads loses updates, an atomic or a lock loses none, and interpreters and processes share nothing.
 */
public final class RaceCommand implements Command {
  static final int TASKS = 2;

  @Override
  public String name() {
    return "race";
  }

  @Override
  public String summary() {
    return "counter += 1 from two threads loses updates; AtomicLong or a lock loses none; copies share nothing";
  }

  @Override
  public String description() {
    return """
        Two tasks each add 1 to a static counter N times, starting together on a pool of two threads:
          plain field      counter += 1 is read, add, write; the other thread's writes in between are lost
                           (the JIT may even keep the field in a register for the whole loop)
          volatile field   every access goes to memory, and updates are still lost
          AtomicLong       incrementAndGet: nothing lost
          lock             synchronized around counter += 1: nothing lost, at a price
        Then the plain-field task on interpreters and processes: each worker increments its own copy of the
        class's static field, so the parent's counter stays 0 and nothing races; combine results explicitly.
        Writes race.json and race.png into --out.""";
  }

  @Override
  public void run(Options options, PrintStream out) throws Exception {
    long n = options.pick(10_000_000L, 2_000_000L, 10_000L);
    int rounds = options.pick(5, 3, 1);
    long expected = TASKS * n;
    out.println(String.format(Locale.ROOT,
        "Race: %d tasks, started together, each add 1 to a shared counter %,d times (expect %,d), %d rounds; %s",
        TASKS, n, expected, rounds, Machine.summary()));
    Table table = new Table("counter", "runs on", "lost updates per round", "time per round");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", Machine.describe());
    json.put("increments_per_task", n);
    json.put("tasks", TASKS);
    json.put("rounds", rounds);
    Map<String, Object> threads = new LinkedHashMap<>();
    List<String> labels = new ArrayList<>();
    List<Double> lostShare = new ArrayList<>();
    List<ExecutorKind> copies =
        ExecutorKind.availableKinds().stream().filter(k -> k != ExecutorKind.THREADS).toList();
    try (Progress progress =
            Progress.start(options.progress(), "race", (long) Way.values().length * rounds + copies.size());
        Executor pool = new ThreadPoolExecutor(TASKS)) {
      for (Way way : Way.values()) {
        List<Long> lost = new ArrayList<>();
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
          progress.show(label(way) + ", round " + (r + 1));
          lost.add(expected - onThreads(pool, way, n));
          progress.step("");
        }
        double ms = (System.nanoTime() - start) / 1e6 / rounds;
        table.row(label(way), TASKS + " threads", counts(lost), Table.num(ms) + " ms");
        threads.put(way.name().toLowerCase(Locale.ROOT), Map.of("lost_per_round", lost, "ms_per_round", ms));
        labels.add(label(way));
        lostShare.add(100.0 * lost.stream().mapToLong(Long::longValue).max().orElse(0) / expected);
      }
      json.put("threads", threads);
      for (ExecutorKind kind : copies) {
        progress.show(kind.label());
        Map<String, Object> result = onCopies(kind, n);
        json.put(kind.label(), result);
        long lost = (long) result.get("lost");
        table.row("plain field", TASKS + " " + kind.label(), counts(List.of(lost)),
            Table.num((double) result.get("ms")) + " ms");
        labels.add("plain, " + kind.label());
        lostShare.add(100.0 * lost / expected);
        progress.step("");
      }
    }
    out.println();
    table.print(out);
    out.println();
    for (ExecutorKind kind : copies) {
      Map<?, ?> result = (Map<?, ?>) json.get(kind.label());
      out.println(kind.label() + ": each copy of the counter saw only its own increments " + result.get("per_copy")
          + "; the parent's counter is still " + result.get("parent_counter")
          + ". Nothing is shared, so combine results explicitly.");
    }
    if (copies.isEmpty()) {
      Notes.missingKinds(out);
    }
    out.println("counter += 1 is a read, an add and a write; another thread's write in between is lost. How many");
    out.println("are lost varies from run to run (a round can lose none); any number above zero is the bug.");
    Results.write(options, "race", json,
        List.of(Charts.bars("Lost updates (worst round)", "", "% of increments lost", labels,
            Map.of("lost", lostShare), false)),
        out);
  }

  private static String counts(List<Long> values) {
    return values.stream().map(v -> String.format("%,d", v)).collect(Collectors.joining(" / "));
  }

  static String label(Way way) {
    return switch (way) {
      case PLAIN -> "plain field";
      case VOLATILE -> "volatile field";
      case ATOMIC -> "AtomicLong";
      case LOCKED -> "lock";
    };
  }

  /** Runs racing tasks on the pool's threads, released together, and returns the counter's final value. */
  static long onThreads(Executor pool, Way way, long n) {
    Counters.reset();
    CyclicBarrier start = new CyclicBarrier(TASKS);
    List<Future<Object>> futures = new ArrayList<>();
    for (int t = 0; t < TASKS; t++) {
      // The thread pool shares memory and never copies a task, so the task may capture the barrier.
      futures.add(pool.submit(() -> {
        start.await(30, TimeUnit.SECONDS);
        Counters.increment(way, n);
        return null;
      }));
    }
    futures.forEach(Future::result);
    return Counters.value(way);
  }

  /** Runs the plain-field task twice on a copying pool; reports what each copy saw and the parent's counter. */
  static Map<String, Object> onCopies(ExecutorKind kind, long n) throws Exception {
    Counters.reset();
    long start = System.nanoTime();
    List<Counters.Seen> seen = new ArrayList<>();
    try (Executor pool = kind.create(TASKS)) {
      List<Future<Counters.Seen>> futures = new ArrayList<>();
      for (int t = 0; t < TASKS; t++) {
        futures.add(pool.submit(Counters::countPlain, n));
      }
      for (Future<Counters.Seen> f : futures) {
        seen.add(f.result());
      }
    }
    double ms = (System.nanoTime() - start) / 1e6;
    Map<String, Long> perCopy = new TreeMap<>();
    for (Counters.Seen s : seen) {
      perCopy.merge(s.where(), s.value(), Math::max); // a copy that ran both tasks saw both counts
    }
    long combined = perCopy.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("per_copy", perCopy);
    result.put("combined", combined);
    result.put("lost", TASKS * n - combined);
    result.put("parent_counter", Counters.value(Way.PLAIN));
    result.put("ms", ms);
    return result;
  }
}
