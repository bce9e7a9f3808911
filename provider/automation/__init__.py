"""Run Pulumi projects of this repo through the Automation API, fully offline."""

from .workspace import StackRunner, offline_env

__all__ = ["StackRunner", "offline_env"]
