"""Migration of ModelArts v1 services to v2 programs (`inference-migrate`): translate, render, report, command."""
