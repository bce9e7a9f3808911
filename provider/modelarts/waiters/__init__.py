"""Find / status / wait for ModelArts resources: the platform's asynchronous statuses as blocking calls with deadlines."""
