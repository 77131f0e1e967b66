"""The overview: how many jobs, videos, clips and publications a workspace has in each state."""
