"""Test setup: headless SDL before pygame is imported anywhere, and shared fixtures."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest  # noqa: E402


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--soak", action="store_true", default=False, help="run the long soak tests")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--soak"):
        os.environ["BOP_SOAK"] = "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--soak"):
        return
    skip = pytest.mark.skip(reason="soak test: run with --soak")
    for item in items:
        if "soak" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def scenario():
    from game.core import load_scenario

    return load_scenario()


@pytest.fixture
def closed_folder(tmp_path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    """A folder the user may not enter: looking at, opening or making anything inside it raises
    PermissionError, as for a folder of another user (the tests may run as root, where chmod
    keeps nothing out)."""
    import errno
    from pathlib import Path

    closed = tmp_path / "closed"
    closed.mkdir()

    def guard(real):  # noqa: ANN001, ANN202
        def inner(self, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
            if closed in self.parents:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real(self, *a, **kw)
        return inner

    for name in ("stat", "open", "mkdir", "iterdir"):
        monkeypatch.setattr(Path, name, guard(getattr(Path, name)))
    return closed
