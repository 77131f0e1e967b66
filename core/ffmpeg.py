"""Finding the ffmpeg binary: the configured path, the system's, or the one shipped in a wheel."""

from __future__ import annotations

import shutil
from functools import lru_cache


class FfmpegNotFound(RuntimeError):
    pass


@lru_cache(maxsize=4)
def find_ffmpeg(configured: str | None = None) -> str:
    if configured:
        found = shutil.which(configured)
        if found is None:
            raise FfmpegNotFound(f"STAKAZO_FFMPEG_PATH={configured} is not an executable")
        return found
    system = shutil.which("ffmpeg")
    if system is not None:
        return system
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError) as error:
        raise FfmpegNotFound(
            "ffmpeg was not found: install it (apt-get install ffmpeg) or the imageio-ffmpeg wheel"
        ) from error
