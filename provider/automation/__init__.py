"""Run Pulumi projects through the Automation API (`inference-stack`, `inference-promote`), offline by default."""

from .workspace import StackRunner, runner_env

__all__ = ["StackRunner", "runner_env"]
