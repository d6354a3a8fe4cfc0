#!/usr/bin/env python3
"""pyfutures' CPython peer: the fixed workloads W1-W10 and W12 (docs/benchmarks.md) on CPython's concurrent.futures.

The `bench` subcommand of the examples jar runs this script (bundled in the jar) in the same session as the
Java measurements and shows the two side by side. It prints one JSON object with the keys and units of the
Java side's bench.json: W1-W6, W10, W12 as numbers (µs per task, ms), W7 and W8 as objects. W9 (and W7's
interpreters_N) appear only on CPython 3.14+, which has InterpreterPoolExecutor.

    python3 cpython_bench.py [--quick] [--only=W1,W7]

Each figure is the best of a few runs (one run with --quick, which also cuts the task counts by ten).
"""
import concurrent.futures as cf
import json
import multiprocessing
import sys
import time

TASKS = 20_000
CPU_JOB = 300_000  # terms of the CPU-bound job: about 15 ms on CPython
CPU_JOBS = 8
SLEEP_S = 0.02
SLEEPS = 64


def identity(x):
    return x


def cpu_job(n):
    total = 0
    for v in range(n):
        total += v * v
    return total


def sleep_for(seconds):
    time.sleep(seconds)
    return seconds


def fastest(reps, fn):
    """Seconds taken by the fastest of `reps` calls of fn."""
    times = []
    for _ in range(max(1, reps)):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def submit_then_collect(pool, n):
    pending = [pool.submit(identity, i) for i in range(n)]
    for f in pending:
        f.result()


def micros_per_task(pool, n, reps):
    submit_then_collect(pool, 100)
    return fastest(reps, lambda: submit_then_collect(pool, n)) / n * 1e6


def interpreter_pool():
    return getattr(cf, "InterpreterPoolExecutor", None)


def process_workloads(cfg, want, out):
    if not want & {"W2", "W3", "W4", "W5", "W10", "W12"}:
        return
    n, reps = cfg["n"], cfg["reps"]
    with cf.ProcessPoolExecutor(max_workers=2) as pool:
        if "W2" in want:
            out["W2"] = micros_per_task(pool, n, reps)
        else:
            submit_then_collect(pool, 100)
        if "W3" in want:
            out["W3"] = fastest(reps, lambda: list(pool.map(identity, range(n)))) / n * 1e6
        if "W4" in want:
            out["W4"] = fastest(reps, lambda: list(pool.map(identity, range(n), chunksize=500))) / n * 1e6
        if "W10" in want:
            rounds = cfg["rounds"]
            for i in range(100):
                pool.submit(identity, i).result()
            t0 = time.perf_counter()
            for i in range(rounds):
                pool.submit(identity, i).result()
            out["W10"] = (time.perf_counter() - t0) / rounds * 1e6
        if "W5" in want:
            blob = b"x" * (16 << 20)
            out["W5"] = fastest(reps, lambda: pool.submit(identity, blob).result()) * 1e3
        if "W12" in want:
            blobs = [bytes([ord("a") + i]) * (4 << 20) for i in range(8)]
            list(pool.map(identity, blobs))
            out["W12"] = fastest(reps, lambda: list(pool.map(identity, blobs))) * 1e3


def first_result_ms(reps):
    def construct_and_use():
        context = multiprocessing.get_context("spawn")
        with cf.ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
            pool.submit(identity, 1).result()
    return fastest(reps, construct_and_use) * 1e3


def cpu_speedups(reps):
    jobs = [CPU_JOB] * CPU_JOBS
    sequential = fastest(reps, lambda: [cpu_job(j) for j in jobs])
    result = {"sequential_ms": sequential * 1e3}
    kinds = [("threads", cf.ThreadPoolExecutor), ("processes", cf.ProcessPoolExecutor)]
    if interpreter_pool() is not None:
        kinds.insert(1, ("interpreters", interpreter_pool()))
    for workers in (1, 2, 4):
        for label, pool_class in kinds:
            with pool_class(max_workers=workers) as pool:
                list(pool.map(cpu_job, [10] * workers))  # start every worker
                pooled = fastest(reps, lambda: list(pool.map(cpu_job, jobs)))
                result[f"{label}_{workers}"] = sequential / pooled
    return result


def sleep_times():
    result = {}
    for workers in (1, 8, 64):
        with cf.ThreadPoolExecutor(max_workers=workers) as pool:
            t0 = time.perf_counter()
            list(pool.map(sleep_for, [SLEEP_S] * SLEEPS))
            result[f"threads_{workers}_ms"] = (time.perf_counter() - t0) * 1e3
    return result


def main(argv):
    quick = "--quick" in argv
    only = [a.split("=", 1)[1] for a in argv if a.startswith("--only=")]
    want = set(only[0].split(",")) if only else {f"W{i}" for i in range(1, 11)} | {"W12"}
    cfg = {"n": TASKS // 10 if quick else TASKS, "reps": 1 if quick else 3, "rounds": 300 if quick else 3000}
    out = {"runtime": "CPython " + sys.version.split()[0], "tasks": cfg["n"]}

    if "W1" in want:
        with cf.ThreadPoolExecutor(max_workers=2) as pool:
            out["W1"] = micros_per_task(pool, cfg["n"], cfg["reps"])
    process_workloads(cfg, want, out)
    if "W6" in want:
        out["W6"] = first_result_ms(cfg["reps"])
    if "W7" in want:
        out["W7"] = cpu_speedups(cfg["reps"])
    if "W8" in want:
        out["W8"] = sleep_times()
    if "W9" in want and interpreter_pool() is not None:
        with interpreter_pool()(max_workers=2) as pool:
            out["W9"] = micros_per_task(pool, cfg["n"], cfg["reps"])
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
