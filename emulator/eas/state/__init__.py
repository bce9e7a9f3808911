"""EAS state: services, groups, gateways (one JSON document each in the core store)."""
