"""Webhooks from the platforms: verified on the raw body, recorded once, applied in the
background."""
