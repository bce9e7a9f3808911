"""Pure planning for PAI-EAS resources: desired spec + live spec -> typed plan. No I/O."""
