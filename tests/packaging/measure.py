"""Measure the desktop build and print JSON: build time, size, ``--version`` and first-frame times.

    python -m tests.packaging.measure                  build onedir into a temp folder, measure
    python -m tests.packaging.measure --onefile        the same for the onefile build
    python -m tests.packaging.measure --cold           build with an empty PyInstaller cache
    python -m tests.packaging.measure --binary dist/board-of-peace/board-of-peace   no build

Times are medians over ``--runs`` runs (after one warm-up run that is reported separately, since
the first start after a build reads the files from disk). Two first-frame figures:
``first_frame_s`` is what ``--smoke`` reports from the OS's record of when the process started
(Linux /proc; a onefile launcher's start included), and ``launch_to_first_frame_s`` is measured
from outside: the wall clock just before this script starts the program to the wall clock the
program printed at its first drawn frame. docs/PACKAGING.md quotes these numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.packaging.buildtools import build, clean_env, run, size_bytes, smoke_report


def _median(xs: list[float]) -> float:
    return round(statistics.median(xs), 3)


def measure_binary(binary: Path, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bop-measure-") as tmp:
        env = clean_env(Path(tmp))
        out: dict[str, Any] = {}
        version: list[float] = []
        for _ in range(runs + 1):
            t0 = time.perf_counter()
            proc = run(binary, "--version", env=env)
            version.append(time.perf_counter() - t0)
            if proc.returncode != 0:
                raise SystemExit(f"measure: '{binary} --version' failed: {proc.stderr.strip()}")
        out["version_first_run_s"] = round(version[0], 3)
        out["version_wall_s"] = _median(version[1:])
        frame, launch, wall = [], [], []
        for _ in range(runs + 1):
            t_launch = time.time()
            t0 = time.perf_counter()
            proc = run(binary, "--smoke", env=env)
            wall.append(time.perf_counter() - t0)
            if proc.returncode != 0:
                raise SystemExit(f"measure: '{binary} --smoke' failed: {proc.stderr.strip()}")
            rep = smoke_report(proc)
            if rep.get("first_frame_s") is not None:
                frame.append(float(rep["first_frame_s"]))  # type: ignore[arg-type]
            launch.append(float(rep["first_frame_at"]) - t_launch)  # type: ignore[arg-type]
        out["smoke_first_run_launch_to_first_frame_s"] = round(launch[0], 3)
        out["first_frame_s"] = _median(frame[1:]) if len(frame) > 1 else None
        out["launch_to_first_frame_s"] = _median(launch[1:])
        out["smoke_wall_s"] = _median(wall[1:])
        out["runs"] = runs
        return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.packaging.measure", description=__doc__.split("\n")[0])
    p.add_argument("--onefile", action="store_true", help="build and measure the onefile build")
    p.add_argument("--cold", action="store_true", help="build with an empty PyInstaller cache")
    p.add_argument("--binary", type=Path, default=None, help="measure this built program; no build")
    p.add_argument("--runs", type=int, default=5, help="timed runs after one warm-up (default 5)")
    a = p.parse_args(argv)
    if a.runs < 1:
        p.error("--runs must be at least 1")
    result: dict[str, Any] = {"platform": sys.platform, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="bop-build-") as tmp:
        if a.binary is not None:
            binary = a.binary.resolve()
            if not binary.is_file():
                print(f"measure: no program at {binary}; build it with 'make dist' first.", file=sys.stderr)
                return 2
            root = binary if a.onefile or binary.parent.name != "board-of-peace" else binary.parent
            result["mode"] = "onefile" if root == binary else "onedir"
        else:
            if a.cold:
                os.environ["PYINSTALLER_CONFIG_DIR"] = str(Path(tmp) / "pyinstaller-cache")
            b = build(Path(tmp), onefile=a.onefile)
            binary, root = b.binary, b.root
            result["mode"] = "onefile" if a.onefile else "onedir"
            result["build_s"] = round(b.seconds, 1)
            result["cold_cache"] = a.cold
        result["size_bytes"] = size_bytes(root)
        result["size_mb"] = round(result["size_bytes"] / 1e6, 1)
        result.update(measure_binary(binary, a.runs))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
