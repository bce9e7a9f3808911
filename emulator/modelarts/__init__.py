"""The ModelArts management API (v2, and the old v1 service API) as an emulator plug-in."""
