"""Uploaded source videos: listing, details, analysis timelines, deletion."""

# Loaded with the package, so that any process using assets has told jobs how an asset fails
# with its job (jobs cannot import assets, which imports jobs).
from backend.assets import job_failures as job_failures
