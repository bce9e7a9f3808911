"""Pulumi-free reconcilers of the v1 resources: (client, desired spec, live state) -> a plan, carried out."""
