"""Entry point: ``python main.py`` opens the game; ``python main.py --help`` lists the tools."""

from game.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
