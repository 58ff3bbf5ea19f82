"""Entry point: ``python main.py`` opens the game; ``python main.py --help`` lists the tools."""

import os
import sys

from game.cli import main

if __name__ == "__main__":
    # A windowed Windows build has no console: sys.stdout/stderr are None, and writing a message
    # there would crash. Send them nowhere instead (logs and crash logs go to files anyway).
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    raise SystemExit(main())
