"""Background jobs: what runs, how far it got, how it ended."""
