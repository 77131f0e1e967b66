"""The x264 settings of a vertical render, and the one the renders use.

The encode is most of a render's time (a 608x1080 crop upscaled to 1080x1920), so the preset is
the lever; bench/media_render.py measures each candidate's speed and its SSIM against the
reference output, side by side in one run, and a setting is kept only at SSIM >= 0.98."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class X264:
    """What the video encoder and the scaler are told; the rest (profile, VBV cap, GOP) is
    fixed by the platform rules."""

    preset: str
    crf: float
    params: str = ""  # -x264-params, "key=value:key=value"
    scale_flags: str = "lanczos"  # the 9:16 crop is upscaled to 1080x1920

    @property
    def label(self) -> str:
        extra = f" {self.params}" if self.params else ""
        scale = "" if self.scale_flags == "lanczos" else f" {self.scale_flags}"
        return f"{self.preset} crf{self.crf:g}{extra}{scale}"

    def args(self) -> list[str]:
        params = ["-x264-params", self.params] if self.params else []
        return ["-c:v", "libx264", "-preset", self.preset, "-crf", f"{self.crf:g}", *params]


# What every render used before issue 12: the quality all candidates are measured against.
REFERENCE = X264("veryfast", 23)

# superfast/CRF 23, measured side by side with the reference (bench/media_render.py, 2 cores,
# CPU seconds because the machine was shared): 1.36x less CPU on the busy generated source
# (25.9 s against 35.2 s for 30 s), 1.68x on the friday dialogue, 1.55x on tears of steel,
# at SSIM 0.9945 / 0.9940 / 0.9906 against the reference output; files 1.26-1.48x larger (the
# VBV cap at the platforms' 8 Mbit/s target still bounds them). CRF 21 gave the same SSIM with
# larger files; ultrafast is 2-3x faster at SSIM 0.987-0.992 but writes Constrained Baseline
# (no CABAC, no 8x8 transform), which the platforms' "profile: high" rule refuses; bicubic
# instead of lanczos scaling saved nothing measurable.
#
# Then ultrafast with CABAC, the 8x8 transform and the deblocking filter put back (which makes it
# High profile again), side by side in one run against superfast: 23-36% less CPU (31.6 s against
# 40.9 s on the generated source, 10.0 against 15.6 on tears of steel, 6.3 against 9.0 on the
# friday dialogue) at SSIM 0.992 / 0.990 / 0.993 against the reference, files within 8 % of
# superfast's. It keeps ultrafast's cheap motion search and partitions, where the time went.
RENDER_X264 = X264("ultrafast", 23, params="cabac=1:8x8dct=1:deblock=1,0,0")
