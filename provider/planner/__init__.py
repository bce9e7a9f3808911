"""Pure planning: desired spec + live spec -> the least disruptive plan. No I/O."""
