"""The analyzer plugin that runs a Python policy pack.

Without a Python language host the CLI starts a policy pack through the
older route: an analyzer plugin named `pulumi-analyzer-policy-python`,
started in the pack's directory with the engine address and `.` as its
arguments. The Pulumi SDK's `pulumi.policy` module does the rest (runs the
pack's `__main__.py`, which serves the analyzer). This console script is that
plugin; the runner puts the virtualenv's bin directory first on PATH.
"""

from __future__ import annotations

import runpy


def main() -> None:
    runpy.run_module("pulumi.policy", run_name="__main__")


if __name__ == "__main__":
    main()
