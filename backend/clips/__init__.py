"""Clips found in assets, their scores, and the platform variants rendered from them."""

# Loaded with the package, so that any process using clips has told jobs how a variant fails
# with its render job (jobs cannot import clips, which imports jobs).
from backend.clips import job_failures as job_failures
