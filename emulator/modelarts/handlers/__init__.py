"""Request handlers: validate input, change state, build the response body."""
