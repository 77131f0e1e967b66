from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.platform_rules_doc_caption_unit import PlatformRulesDocCaptionUnit
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.posting_window import PostingWindow
    from ..models.safe_area import SafeArea


T = TypeVar("T", bound="PlatformRulesDoc")


@_attrs_define
class PlatformRulesDoc:
    """Everything Stakazo knows a platform accepts. The first group is what renders aim at (and
    the publish-time media check holds the file to); the second is what the pre-flight check
    refuses before any upload. Unknown keys are refused.

        Attributes:
            aspect_ratios (list[str]): Accepted shapes, "W:H" (2% tolerance).
            audio_bitrate_kbps (int):
            audio_channels (int):
            audio_codec (str):
            audio_codecs (list[str]):
            audio_sample_rate (int):
            caption_max_chars (int):
            container (str):
            containers (list[str]):
            faststart (bool):
            fps (float):
            height (int):
            ideal_duration_seconds (list[float]):
            label (str):
            max_duration_seconds (float):
            max_fps (float):
            max_size_bytes (int):
            max_video_bitrate_kbps (int):
            min_duration_seconds (float):
            min_fps (float):
            pixel_format (str):
            profile (str):
            safe_area (SafeArea): Share of the frame, per edge, that the platform's own buttons and text cover.
            target_video_bitrate_kbps (int):
            video_codec (str):
            video_codecs (list[str]):
            width (int):
            caption_unit (PlatformRulesDocCaptionUnit | Unset): How the platform counts caption_max_chars. Default:
                PlatformRulesDocCaptionUnit.CHARACTERS.
            forbidden_characters (str | Unset): Refused in captions and titles. Default: ''.
            hashtags_max (int | None | Unset):
            max_side_px (int | None | Unset):
            mentions_max (int | None | Unset):
            min_side_px (int | None | Unset):
            posting_windows (list[PostingWindow] | Unset): When posts may go out (empty: any time).
            posts_per_day (int | None | Unset): Posts per account in any 24 hours (none: no cap).
            title_max_chars (int | None | Unset):
    """

    aspect_ratios: list[str]
    audio_bitrate_kbps: int
    audio_channels: int
    audio_codec: str
    audio_codecs: list[str]
    audio_sample_rate: int
    caption_max_chars: int
    container: str
    containers: list[str]
    faststart: bool
    fps: float
    height: int
    ideal_duration_seconds: list[float]
    label: str
    max_duration_seconds: float
    max_fps: float
    max_size_bytes: int
    max_video_bitrate_kbps: int
    min_duration_seconds: float
    min_fps: float
    pixel_format: str
    profile: str
    safe_area: SafeArea
    target_video_bitrate_kbps: int
    video_codec: str
    video_codecs: list[str]
    width: int
    caption_unit: PlatformRulesDocCaptionUnit | Unset = PlatformRulesDocCaptionUnit.CHARACTERS
    forbidden_characters: str | Unset = ""
    hashtags_max: int | None | Unset = UNSET
    max_side_px: int | None | Unset = UNSET
    mentions_max: int | None | Unset = UNSET
    min_side_px: int | None | Unset = UNSET
    posting_windows: list[PostingWindow] | Unset = UNSET
    posts_per_day: int | None | Unset = UNSET
    title_max_chars: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        aspect_ratios = self.aspect_ratios

        audio_bitrate_kbps = self.audio_bitrate_kbps

        audio_channels = self.audio_channels

        audio_codec = self.audio_codec

        audio_codecs = self.audio_codecs

        audio_sample_rate = self.audio_sample_rate

        caption_max_chars = self.caption_max_chars

        container = self.container

        containers = self.containers

        faststart = self.faststart

        fps = self.fps

        height = self.height

        ideal_duration_seconds = self.ideal_duration_seconds

        label = self.label

        max_duration_seconds = self.max_duration_seconds

        max_fps = self.max_fps

        max_size_bytes = self.max_size_bytes

        max_video_bitrate_kbps = self.max_video_bitrate_kbps

        min_duration_seconds = self.min_duration_seconds

        min_fps = self.min_fps

        pixel_format = self.pixel_format

        profile = self.profile

        safe_area = self.safe_area.to_dict()

        target_video_bitrate_kbps = self.target_video_bitrate_kbps

        video_codec = self.video_codec

        video_codecs = self.video_codecs

        width = self.width

        caption_unit: str | Unset = UNSET
        if not isinstance(self.caption_unit, Unset):
            caption_unit = self.caption_unit.value

        forbidden_characters = self.forbidden_characters

        hashtags_max: int | None | Unset
        if isinstance(self.hashtags_max, Unset):
            hashtags_max = UNSET
        else:
            hashtags_max = self.hashtags_max

        max_side_px: int | None | Unset
        if isinstance(self.max_side_px, Unset):
            max_side_px = UNSET
        else:
            max_side_px = self.max_side_px

        mentions_max: int | None | Unset
        if isinstance(self.mentions_max, Unset):
            mentions_max = UNSET
        else:
            mentions_max = self.mentions_max

        min_side_px: int | None | Unset
        if isinstance(self.min_side_px, Unset):
            min_side_px = UNSET
        else:
            min_side_px = self.min_side_px

        posting_windows: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.posting_windows, Unset):
            posting_windows = []
            for posting_windows_item_data in self.posting_windows:
                posting_windows_item = posting_windows_item_data.to_dict()
                posting_windows.append(posting_windows_item)

        posts_per_day: int | None | Unset
        if isinstance(self.posts_per_day, Unset):
            posts_per_day = UNSET
        else:
            posts_per_day = self.posts_per_day

        title_max_chars: int | None | Unset
        if isinstance(self.title_max_chars, Unset):
            title_max_chars = UNSET
        else:
            title_max_chars = self.title_max_chars

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "aspect_ratios": aspect_ratios,
                "audio_bitrate_kbps": audio_bitrate_kbps,
                "audio_channels": audio_channels,
                "audio_codec": audio_codec,
                "audio_codecs": audio_codecs,
                "audio_sample_rate": audio_sample_rate,
                "caption_max_chars": caption_max_chars,
                "container": container,
                "containers": containers,
                "faststart": faststart,
                "fps": fps,
                "height": height,
                "ideal_duration_seconds": ideal_duration_seconds,
                "label": label,
                "max_duration_seconds": max_duration_seconds,
                "max_fps": max_fps,
                "max_size_bytes": max_size_bytes,
                "max_video_bitrate_kbps": max_video_bitrate_kbps,
                "min_duration_seconds": min_duration_seconds,
                "min_fps": min_fps,
                "pixel_format": pixel_format,
                "profile": profile,
                "safe_area": safe_area,
                "target_video_bitrate_kbps": target_video_bitrate_kbps,
                "video_codec": video_codec,
                "video_codecs": video_codecs,
                "width": width,
            }
        )
        if caption_unit is not UNSET:
            field_dict["caption_unit"] = caption_unit
        if forbidden_characters is not UNSET:
            field_dict["forbidden_characters"] = forbidden_characters
        if hashtags_max is not UNSET:
            field_dict["hashtags_max"] = hashtags_max
        if max_side_px is not UNSET:
            field_dict["max_side_px"] = max_side_px
        if mentions_max is not UNSET:
            field_dict["mentions_max"] = mentions_max
        if min_side_px is not UNSET:
            field_dict["min_side_px"] = min_side_px
        if posting_windows is not UNSET:
            field_dict["posting_windows"] = posting_windows
        if posts_per_day is not UNSET:
            field_dict["posts_per_day"] = posts_per_day
        if title_max_chars is not UNSET:
            field_dict["title_max_chars"] = title_max_chars

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.posting_window import PostingWindow  # noqa: PLC0415
        from ..models.safe_area import SafeArea  # noqa: PLC0415

        d = dict(src_dict)
        aspect_ratios = cast(list[str], d.pop("aspect_ratios"))

        audio_bitrate_kbps = d.pop("audio_bitrate_kbps")

        audio_channels = d.pop("audio_channels")

        audio_codec = d.pop("audio_codec")

        audio_codecs = cast(list[str], d.pop("audio_codecs"))

        audio_sample_rate = d.pop("audio_sample_rate")

        caption_max_chars = d.pop("caption_max_chars")

        container = d.pop("container")

        containers = cast(list[str], d.pop("containers"))

        faststart = d.pop("faststart")

        fps = d.pop("fps")

        height = d.pop("height")

        ideal_duration_seconds = cast(list[float], d.pop("ideal_duration_seconds"))

        label = d.pop("label")

        max_duration_seconds = d.pop("max_duration_seconds")

        max_fps = d.pop("max_fps")

        max_size_bytes = d.pop("max_size_bytes")

        max_video_bitrate_kbps = d.pop("max_video_bitrate_kbps")

        min_duration_seconds = d.pop("min_duration_seconds")

        min_fps = d.pop("min_fps")

        pixel_format = d.pop("pixel_format")

        profile = d.pop("profile")

        safe_area = SafeArea.from_dict(d.pop("safe_area"))

        target_video_bitrate_kbps = d.pop("target_video_bitrate_kbps")

        video_codec = d.pop("video_codec")

        video_codecs = cast(list[str], d.pop("video_codecs"))

        width = d.pop("width")

        _caption_unit = d.pop("caption_unit", UNSET)
        caption_unit: PlatformRulesDocCaptionUnit | Unset
        if isinstance(_caption_unit, Unset):
            caption_unit = UNSET
        else:
            caption_unit = PlatformRulesDocCaptionUnit(_caption_unit)

        forbidden_characters = d.pop("forbidden_characters", UNSET)

        def _parse_hashtags_max(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        hashtags_max = _parse_hashtags_max(d.pop("hashtags_max", UNSET))

        def _parse_max_side_px(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_side_px = _parse_max_side_px(d.pop("max_side_px", UNSET))

        def _parse_mentions_max(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        mentions_max = _parse_mentions_max(d.pop("mentions_max", UNSET))

        def _parse_min_side_px(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_side_px = _parse_min_side_px(d.pop("min_side_px", UNSET))

        _posting_windows = d.pop("posting_windows", UNSET)
        posting_windows: list[PostingWindow] | Unset = UNSET
        if _posting_windows is not UNSET:
            posting_windows = []
            for posting_windows_item_data in _posting_windows:
                posting_windows_item = PostingWindow.from_dict(posting_windows_item_data)

                posting_windows.append(posting_windows_item)

        def _parse_posts_per_day(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        posts_per_day = _parse_posts_per_day(d.pop("posts_per_day", UNSET))

        def _parse_title_max_chars(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        title_max_chars = _parse_title_max_chars(d.pop("title_max_chars", UNSET))

        platform_rules_doc = cls(
            aspect_ratios=aspect_ratios,
            audio_bitrate_kbps=audio_bitrate_kbps,
            audio_channels=audio_channels,
            audio_codec=audio_codec,
            audio_codecs=audio_codecs,
            audio_sample_rate=audio_sample_rate,
            caption_max_chars=caption_max_chars,
            container=container,
            containers=containers,
            faststart=faststart,
            fps=fps,
            height=height,
            ideal_duration_seconds=ideal_duration_seconds,
            label=label,
            max_duration_seconds=max_duration_seconds,
            max_fps=max_fps,
            max_size_bytes=max_size_bytes,
            max_video_bitrate_kbps=max_video_bitrate_kbps,
            min_duration_seconds=min_duration_seconds,
            min_fps=min_fps,
            pixel_format=pixel_format,
            profile=profile,
            safe_area=safe_area,
            target_video_bitrate_kbps=target_video_bitrate_kbps,
            video_codec=video_codec,
            video_codecs=video_codecs,
            width=width,
            caption_unit=caption_unit,
            forbidden_characters=forbidden_characters,
            hashtags_max=hashtags_max,
            max_side_px=max_side_px,
            mentions_max=mentions_max,
            min_side_px=min_side_px,
            posting_windows=posting_windows,
            posts_per_day=posts_per_day,
            title_max_chars=title_max_chars,
        )

        return platform_rules_doc
