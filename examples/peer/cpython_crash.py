#!/usr/bin/env python3
"""pyfutures' CPython peer for `crash`: one worker process dies in the middle of a batch.

The `crash` subcommand of the examples jar runs this script (bundled in the jar) with the same batch it gives
pyfutures' process pool: TASKS ordinary tasks of WORK_MS each on 2 workers, the one at EXIT_AT ending its
process. It prints one JSON object: what each future got, counted by result or exception type, and how many
tasks finished.

    python3 cpython_crash.py [--tasks=40] [--exit-at=20] [--work-ms=50]

The dying task calls os._exit, which ends the process at once as Java's System.exit does. sys.exit would not
do: it raises SystemExit, which CPython's worker catches and hands back as that task's exception.
CPython's ProcessPoolExecutor has no task timeout and no memory limit, so this script has nothing to run for
the other two scenarios of `crash`.
"""
import concurrent.futures as cf
import json
import multiprocessing
import os
import sys
import time


def ordinary(work_ms):
    time.sleep(work_ms / 1000)
    return os.getpid()


def exits(code):
    os._exit(code)


def outcome(future):
    try:
        future.result(timeout=60)
        return "result"
    except BaseException as e:  # the point is to name whatever the future got
        return type(e).__name__


def run(tasks, exit_at, work_ms):
    start = time.perf_counter()
    counts = {}
    pids = set()
    with cf.ProcessPoolExecutor(max_workers=2) as pool:
        futures = []
        for i in range(tasks):
            try:
                futures.append(pool.submit(exits, 3) if i == exit_at else pool.submit(ordinary, work_ms))
            except cf.process.BrokenProcessPool:
                counts["BrokenProcessPool (at submit)"] = counts.get("BrokenProcessPool (at submit)", 0) + 1
        for f in futures:
            what = outcome(f)
            counts[what] = counts.get(what, 0) + 1
            if what == "result":
                pids.add(f.result())
    return {
        "tasks": tasks,
        "finished": counts.get("result", 0),
        "outcomes": counts,
        "worker_pids": len(pids),
        "ms": (time.perf_counter() - start) * 1000,
    }


def main(argv):
    opts = {"tasks": 40, "exit-at": 20, "work-ms": 50}
    for arg in argv:
        name, _, value = arg.lstrip("-").partition("=")
        if name not in opts or not value:
            sys.exit("usage: cpython_crash.py [--tasks=N] [--exit-at=I] [--work-ms=MS]")
        opts[name] = int(value)
    out = {
        "runtime": "CPython " + sys.version.split()[0],
        "start_method": multiprocessing.get_start_method(),
        "exit": run(opts["tasks"], opts["exit-at"], opts["work-ms"]),
        "timeout": None,
        "leak": None,
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
