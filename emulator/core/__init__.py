"""The emulator core: app factory, store, fault plane, request counter, launcher and CLI (no cloud API here)."""
