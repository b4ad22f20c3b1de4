"""One module per command (or command group); each defines ORDER and register(sub)."""
