"""Clips found in assets, their scores, and the platform variants rendered from them."""
