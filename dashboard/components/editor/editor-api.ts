// The editor's calls: a clip's transcript, its versions, the edits that make a new version, the
// caption presets; through the one API client (lib/api.ts).
import type { Schemas } from "@stakazo/api-client";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import type { Preset } from "./logic";

export type Transcript = Schemas["ClipTranscript"];
export type EditableClip = Schemas["ClipDetail"];
export type VersionRow = Schemas["ClipVersion"];
// remove_fillers has a default, which the generated type makes required; an edit names only what
// it changes.
export type Edit = Omit<Schemas["ClipEdit"], "remove_fillers"> & { remove_fillers?: boolean };
export type CaptionBrand = Schemas["CaptionBrand"]["brand"];

export async function getClip(clipId: string): Promise<EditableClip> {
  return unwrap(await api.GET("/v1/clips/{clip_id}", { params: { path: { clip_id: clipId } } }));
}

export async function getTranscript(clipId: string): Promise<Transcript> {
  // The schema's pauses are pairs; the client's types widen them to lists.
  return unwrap(await api.GET("/v1/clips/{clip_id}/transcript", { params: { path: { clip_id: clipId } } })) as Transcript;
}

export async function listVersions(clipId: string): Promise<VersionRow[]> {
  // Newest first; the first page holds every version a person edits by hand.
  const page = unwrap(await api.GET("/v1/clips/{clip_id}/versions", { params: { path: { clip_id: clipId }, query: { limit: 200 } } }));
  return page.items;
}

export async function createVersion(clipId: string, edit: Edit): Promise<Schemas["ClipOut"]> {
  return unwrap(await api.POST("/v1/clips/{clip_id}/versions", { params: { path: { clip_id: clipId } }, body: { ...edit, remove_fillers: edit.remove_fillers ?? false } }));
}

export async function listPresets(): Promise<Preset[]> {
  return unwrap(await api.GET("/v1/caption-presets", { params: { query: { limit: 200 } } })).items;
}

export async function getBrand(): Promise<CaptionBrand> {
  return unwrap(await api.GET("/v1/caption-brand")).brand;
}

export async function setBrand(brand: CaptionBrand): Promise<CaptionBrand> {
  return unwrap(await api.PUT("/v1/caption-brand", { body: { brand } })).brand;
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

/** Split a clip at a source time (the server snaps it): the two new clips, in order. */
export async function splitClip(clipId: string, atSeconds: number): Promise<Schemas["ClipOut"][]> {
  return unwrap(await api.POST("/v1/clips/{clip_id}/split", { params: { path: { clip_id: clipId } }, body: { at_seconds: atSeconds } })).clips;
}

/** The latest clips of a video, in time order. */
export async function clipsOfVideo(assetId: string): Promise<Schemas["ClipOut"][]> {
  return unwrap(await api.GET("/v1/clips", { params: { query: { asset_id: assetId, sort: "start", limit: 200 } } })).items;
}

/** Merge two latest clips of a video (at most 3 s apart) into one spanning both. */
export async function mergeClips(first: string, second: string): Promise<Schemas["ClipOut"]> {
  return unwrap(await api.POST("/v1/clips/merge", { body: { clip_ids: [first, second] } }));
}
