"""Entry point Pulumi runs for the root project (see root_stack.py)."""

from root_stack import program

program()
