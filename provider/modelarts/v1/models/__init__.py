"""Desired-state models of the v1 resources, in the v1 API's own field names."""
