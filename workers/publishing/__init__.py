"""The publishing engine: drives one publication through a platform, exactly once."""
