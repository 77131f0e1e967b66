// The editor's calls: a clip's transcript, its versions, the edits that make a new version, the
// caption presets; through the one API client (lib/api.ts).
import type { Schemas } from "@stakazo/api-client";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import type { Preset, Word } from "./logic";

export type Transcript = {
  clip_id: string;
  version: number;
  start_seconds: number;
  end_seconds: number;
  engine: string | null;
  reliable: boolean;
  reason: string | null;
  caption_preset: string | null;
  words: Word[];
  cuts: number[];
  pauses: [number, number][];
};

export type VersionFields = { version: number; parent_id: string | null; latest: boolean; caption_preset: string | null };
export type EditableClip = Schemas["ClipDetail"] & Partial<VersionFields>;
export type VersionRow = {
  id: string;
  version: number;
  start_seconds: number;
  end_seconds: number;
  caption_preset: string | null;
  latest: boolean;
  created_at: string;
};
export type Edit = {
  start_seconds?: number;
  end_seconds?: number;
  first_word?: number;
  last_word?: number;
  word_fixes?: { index: number; text: string }[];
  caption_preset?: string;
};

// Until the generated client names these paths, they go through the same client untyped.
type Result = { data?: unknown; error?: unknown; response: Response };
type Loose = {
  GET: (path: string, init?: Record<string, unknown>) => Promise<Result>;
  POST: (path: string, init?: Record<string, unknown>) => Promise<Result>;
};
const loose = api as unknown as Loose;

export async function getClip(clipId: string): Promise<EditableClip> {
  return unwrap(await api.GET("/v1/clips/{clip_id}", { params: { path: { clip_id: clipId } } })) as EditableClip;
}

export async function getTranscript(clipId: string): Promise<Transcript> {
  return unwrap(await loose.GET("/v1/clips/{clip_id}/transcript", { params: { path: { clip_id: clipId } } })) as Transcript;
}

export async function listVersions(clipId: string): Promise<VersionRow[]> {
  return unwrap(await loose.GET("/v1/clips/{clip_id}/versions", { params: { path: { clip_id: clipId } } })) as VersionRow[];
}

export async function createVersion(clipId: string, edit: Edit): Promise<EditableClip> {
  return unwrap(await loose.POST("/v1/clips/{clip_id}/versions", { params: { path: { clip_id: clipId } }, body: edit })) as EditableClip;
}

export async function splitClip(clipId: string, atSeconds: number): Promise<{ clips: EditableClip[] }> {
  return unwrap(
    await loose.POST("/v1/clips/{clip_id}/split", { params: { path: { clip_id: clipId } }, body: { at_seconds: atSeconds } }),
  ) as { clips: EditableClip[] };
}

export async function listPresets(): Promise<Preset[]> {
  return unwrap(await loose.GET("/v1/caption-presets")) as Preset[];
}

export async function listVariants(clipId: string): Promise<Schemas["VariantOut"][]> {
  const page = unwrap(await api.GET("/v1/clips/{clip_id}/variants", { params: { path: { clip_id: clipId }, query: { limit: 50 } } }));
  return page.items;
}

export async function requestRender(clipId: string, platform: "tiktok" | "instagram" | "youtube" = "tiktok"): Promise<Schemas["VariantOut"]> {
  return unwrap(
    await api.POST("/v1/clips/{clip_id}/variants", { params: { path: { clip_id: clipId } }, body: { platform, captions: true, force: false } }),
  );
}

export async function renderJobs(): Promise<Schemas["JobOut"][]> {
  return unwrap(await api.GET("/v1/jobs", { params: { query: { type: "media.render_variant", limit: 50 } } })).items;
}
