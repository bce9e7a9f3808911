"""The suite collects as one session: pytest imports test modules by basename (rootdir-relative
packages are not used), so two test modules of the same name in different folders break `make test`."""

from __future__ import annotations

from collections import Counter

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_no_two_test_modules_share_a_name():
    names = Counter(path.name for path in (REPO_ROOT / "tests").rglob("test_*.py"))
    assert [name for name, count in names.items() if count > 1] == []
