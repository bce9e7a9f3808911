"""Pulumi-free reconcilers: (client, desired spec, live state) -> a typed plan, carried out.

The Pulumi resources in `..resources` only adapt inputs and outputs; every
decision and API call of a create, update, read or delete is made here, so it
can be tested without Pulumi and without a server (recorded responses).
"""
