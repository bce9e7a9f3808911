"""Typed desired-state models: what a user may declare, validated before any API call."""
