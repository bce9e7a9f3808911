"""Waits with deadlines, progress and dead ends, on `core.poll.Waits`. No Pulumi."""
