"""Moved to ``core.ffmpeg`` (the readiness check and the sandbox look for ffmpeg too)."""

from core.ffmpeg import FfmpegNotFound, find_ffmpeg

__all__ = ["FfmpegNotFound", "find_ffmpeg"]
