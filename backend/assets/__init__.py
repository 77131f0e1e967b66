"""Uploaded source videos: listing, details, analysis timelines, deletion."""
