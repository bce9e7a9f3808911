"""Waits on v1 services and models, with deadlines, progress lines and dead ends."""
