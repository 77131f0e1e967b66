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

# The setting renders use (bench/media_render.py weighs the candidates against REFERENCE).
RENDER_X264 = REFERENCE
