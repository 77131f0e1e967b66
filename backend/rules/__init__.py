"""Platform rules and scoring weights: versioned, approved by admins, read by the pipeline."""
