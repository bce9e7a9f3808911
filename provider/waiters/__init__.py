"""Find / status / wait helpers: turn the platform's asynchronous statuses into blocking calls with deadlines."""
