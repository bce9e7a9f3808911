"""Pure planning for ModelArts resources: desired spec + live spec -> typed plan. No I/O."""
