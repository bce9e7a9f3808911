"""Local emulator of the ModelArts v2 real-time inference management API.

Layout (moto-like): `state/` holds plain resource data and lifecycle rules,
`store.py` persists documents in SQLite, `handlers/` turn requests into state
changes and responses, `app.py` routes, `cli.py` is the console entry point.
"""
