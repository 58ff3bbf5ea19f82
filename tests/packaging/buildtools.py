"""Build the desktop game with build.spec into a scratch folder and run what comes out.

Shared by the packaging test (tests/packaging/test_build.py) and the measuring command
(``python -m tests.packaging.measure``). Builds go to a folder the caller chooses, never to the
developer's ./dist and ./build, so running the tests does not clobber a build in progress.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
NAME = "board-of-peace"


@dataclass(frozen=True)
class Build:
    binary: Path  # the program a player double-clicks
    root: Path  # the onedir folder, or the onefile binary itself
    seconds: float  # wall time of the PyInstaller run
    log: str


def build(out: Path, onefile: bool = False) -> Build:
    """Run PyInstaller on build.spec into ``out``; raise RuntimeError with its log on failure."""
    env = dict(os.environ)
    env["ONEFILE"] = "1" if onefile else ""
    # The build must not see the test session's SDL settings or pytest's import paths.
    for key in ("PYTHONPATH",):
        env.pop(key, None)
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(out / "dist"), "--workpath", str(out / "work"), str(SPEC)]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    log = done.stdout + done.stderr
    if done.returncode != 0:
        raise RuntimeError(f"PyInstaller failed (exit {done.returncode}):\n{log[-4000:]}")
    exe = NAME + (".exe" if sys.platform == "win32" else "")
    if onefile:
        binary = out / "dist" / exe
        return Build(binary, binary, seconds, log)
    folder = out / "dist" / NAME
    return Build(folder / exe, folder, seconds, log)


def clean_env(tmp_home: Path | None = None) -> dict[str, str]:
    """An environment like a player's: no repo on the path, optionally a throwaway home folder.

    With ``tmp_home`` the per-user data folder (platformdirs: $XDG_DATA_HOME on Linux) points
    inside it, so a run cannot touch the real user's saves.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PYTEST", "SDL_"))}
    if tmp_home is not None:
        env["HOME"] = str(tmp_home)
        env["XDG_DATA_HOME"] = str(tmp_home / ".local" / "share")
        env["XDG_CONFIG_HOME"] = str(tmp_home / ".config")
    return env


def run(binary: Path, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(binary), *args], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, check=False)


def smoke_report(proc: subprocess.CompletedProcess[str]) -> dict[str, object]:
    """The JSON line ``--smoke`` printed (the last line of stdout)."""
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    if not lines:
        raise AssertionError(f"--smoke printed nothing; stderr: {proc.stderr.strip()}")
    report = json.loads(lines[-1])
    assert isinstance(report, dict)
    return report


def size_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())
