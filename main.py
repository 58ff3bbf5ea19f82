"""Entry point: ``python main.py`` opens the game; ``python main.py --help`` lists the tools."""

import os
import sys

if __name__ == "__main__":
    # A windowed Windows build has no console: sys.stdout/stderr are None, and writing a message
    # there would crash. Send them nowhere instead (logs and crash logs go to files anyway).
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    try:
        from game.cli import main

        code = main()
    except ModuleNotFoundError as e:  # started outside the project's .venv (the tools import lazily)
        if (e.name or "").split(".")[0] == "game":
            raise  # our own package is broken: that is a bug, and the traceback says where
        print(f"Board of Peace cannot start: the package {e.name!r} is not installed. "
              "Run `make play` (it sets up .venv with everything the game needs).", file=sys.stderr)
        raise SystemExit(2) from None
    raise SystemExit(code)
