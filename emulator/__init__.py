"""Local emulator of cloud inference management APIs (moto-like: one folder per API).

    core/       the API-independent machinery: app factory, SQLite store and
                transactions, fault plane (/-/faults), request counter
                (/-/stats), body parsing, settings, CLI, the one launcher
    modelarts/  the ModelArts v2 plug-in: routes, handlers, state, responses,
                errors, validation, its own SDK-HMAC-SHA256 verifier
    apis.py     the plug-ins served
    testing.py  the test-facing name of the launcher (RunningEmulator)

Nothing here imports the provider side of the repository.
"""
