#!/usr/bin/env python3
"""pyfutures' Dask peer: the cluster workloads W13 and W14 of DESIGN.md on Dask's executor.

The `cluster` subcommand of the examples jar runs this script (bundled in the jar) right after its own W13 and
W14 and shows both side by side. Dask's `Client.get_executor()` is the concurrent.futures Executor a Python
program reaches for when its work outgrows one machine; here it runs on a LocalCluster of 2 worker processes with
one thread each, on 127.0.0.1, like the 2 local members on the Java side.

    python3 dask_bench.py [--quick]

Prints one JSON object: {"W13": µs per task, "W14": µs per round trip, "peer": ..., "units": ...}.
W13 submits N identity tasks and then collects them (N = 1,000; 200 with --quick); W14 does one task at a time,
submit then result, 300 times (100 with --quick). Each figure is the best of 3 after a warm-up round.
Exits with status 3 and a one-line reason on stderr when the `distributed` package is not installed.
"""
import json
import platform
import sys
import time


def identity(x):
    return x


def per_task_micros(executor, tasks):
    start = time.perf_counter()
    futures = [executor.submit(identity, i) for i in range(tasks)]
    for f in futures:
        f.result()
    return (time.perf_counter() - start) / tasks * 1e6


def per_trip_micros(executor, trips):
    start = time.perf_counter()
    for i in range(trips):
        executor.submit(identity, i).result()
    return (time.perf_counter() - start) / trips * 1e6


def main():
    quick = "--quick" in sys.argv[1:]
    try:
        import distributed
        from distributed import Client, LocalCluster
    except ImportError:
        print("dask_bench: Dask's 'distributed' package is not installed", file=sys.stderr)
        sys.exit(3)
    tasks = 200 if quick else 1000
    trips = 100 if quick else 300
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, silence_logs=50)
    client = Client(cluster)
    try:
        executor = client.get_executor(pure=False)
        per_task_micros(executor, tasks)
        per_trip_micros(executor, trips)
        result = {
            "W13": min(per_task_micros(executor, tasks) for _ in range(3)),
            "W14": min(per_trip_micros(executor, trips) for _ in range(3)),
            "peer": f"Dask distributed {distributed.__version__} on CPython {platform.python_version()}",
            "units": {"W13": "us/task", "W14": "us/trip"},
        }
        print(json.dumps(result))
    finally:
        client.close()
        cluster.close()


if __name__ == "__main__":
    main()
