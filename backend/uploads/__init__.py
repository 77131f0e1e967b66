"""Receiving videos: resumable tus uploads and small multipart uploads."""
