"""What the awkward-source fixtures (conftest_awkward.py) are made of, for the tests to compare
against."""

from __future__ import annotations

from fractions import Fraction

# A PAL DVD frame: 704x576 stored, pixels 16:11 wide, shown 1024x576 (16:9).
DVD_SIZE, DVD_SAR, DVD_DISPLAY = (704, 576), Fraction(16, 11), (1024, 576)
DISC_RADIUS = 80  # display pixels
DISC_Y = 288
DISC_START, DISC_SPEED = 250, 100  # display pixels, pixels per second

AWKWARD = ["split_mkv", "late_video_mp4", "vfr_phone_mp4", "corrupt_frame_mp4"]


def disc_x(t: float) -> float:
    """Where the disc's centre is at ``t`` seconds, in display pixels."""
    return DISC_START + DISC_SPEED * t
