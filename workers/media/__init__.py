"""Pure media code: files in, results out, no database."""
