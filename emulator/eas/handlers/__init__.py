"""EAS handlers, one module per resource family."""
