"""Template: read stack config, declare resources, export outputs."""

import pulumi

config = pulumi.Config()
pulumi.export("template", config.get("value") or "unset")
