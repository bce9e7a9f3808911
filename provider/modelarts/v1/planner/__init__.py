"""Pure planning: desired spec + live spec -> a typed Plan."""
