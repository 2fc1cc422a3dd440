"""One blueprint per concern."""
