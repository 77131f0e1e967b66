"use client";

// Edit a clip by its transcript: trim to a range of words, fix a word, choose the caption preset.
// Each edit makes a new version of the clip (the server renders its variants again); the page
// moves to it, shows the renders' progress, and plays the new video once one is ready.
import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress";
import { ErrorState, Loading } from "@/components/ui/states";
import { ApiProblem, describe } from "@/lib/errors";
import { useSession } from "@/lib/session";
import { cn, formatSeconds } from "@/lib/utils";
import { platformName } from "@/components/clips/contributions";
import {
  createVersion,
  getClip,
  getTranscript,
  listPresets,
  listVariants,
  listVersions,
  renderJobs,
  requestRender,
  splitClip,
  clipsOfVideo,
  mergeClips,
  type Edit,
  type EditableClip,
  type Transcript,
} from "./editor-api";
import { BrandForm } from "./brand-form";
import { activeWordAt, inRange, nextClip, playedSeconds, sourceToPlayed, timelineWindow, type CaptionStyle, type Selection, type Word } from "./logic";
import { Timeline } from "./timeline";
import { EditorPlayer, type PlayerHandle } from "./player";
import { TranscriptWords } from "./transcript-panel";

type Variant = Schemas["VariantOut"];
const UNFINISHED = new Set(["pending", "rendering"]);

export function ClipEditor({ clipId }: { clipId: string }) {
  // What the last edit made: said on the new version's page (the editor below starts afresh there).
  const [made, setMade] = useState<Made | null>(null);
  const clip = useQuery({ queryKey: ["clip", clipId], queryFn: () => getClip(clipId) });
  const transcript = useQuery({ queryKey: ["transcript", clipId], queryFn: () => getTranscript(clipId) });
  if (clip.isPending || transcript.isPending)
    return (
      <>
        <PageHeader title="Edit clip" />
        <Loading label="Loading the clip and its transcript…" />
      </>
    );
  if (clip.isError || transcript.isError)
    return (
      <>
        <PageHeader title="Edit clip" />
        <ErrorState
          error={clip.error ?? transcript.error}
          retry={() => {
            void clip.refetch();
            void transcript.refetch();
          }}
        />
      </>
    );
  return (
    <Editor
      key={clipId}
      clip={clip.data}
      transcript={transcript.data}
      notice={made?.clipId === clipId ? made : null}
      onMade={setMade}
    />
  );
}

/** "5.7 s", or "5.73 s" where a tenth would hide the difference from `other`. */
function seconds(value: number, other: number): string {
  return `${value.toFixed(Math.abs(value - other) < 0.1 ? 2 : 1)} s`;
}

type Made = { clipId: string; text: string; link?: { href: string; label: string } };

/** What the new version says it was made with. */
function madeWith(body: Edit): string {
  const parts: string[] = [];
  if (body.caption_preset) parts.push(`the ${body.caption_preset} captions`);
  if (body.remove_fillers) parts.push("the filler words removed");
  if (body.shorten_pauses_to != null) parts.push(`pauses shortened to ${body.shorten_pauses_to} s`);
  if (body.start_seconds != null) parts.push(`the start moved (asked ${body.start_seconds.toFixed(1)} s)`);
  if (body.end_seconds != null) parts.push(`the end moved (asked ${body.end_seconds.toFixed(1)} s)`);
  return parts.length ? ` with ${parts.join(", ")}` : "";
}

function Editor({ clip, transcript, notice, onMade }: { clip: EditableClip; transcript: Transcript; notice: Made | null; onMade: (made: Made) => void }) {
  const { can } = useSession();
  const router = useRouter();
  const queryClient = useQueryClient();
  const latest = clip.latest !== false;
  const editable = can("clips:write") && latest;
  const version = clip.version ?? transcript.version;

  const presets = useQuery({ queryKey: ["caption-presets"], queryFn: listPresets, staleTime: 10 * 60_000 });
  const versions = useQuery({ queryKey: ["versions", clip.id], queryFn: () => listVersions(clip.id) });
  const variants = useQuery({
    queryKey: ["variants", clip.id, "editor"],
    queryFn: () => listVariants(clip.id),
    refetchInterval: (query) => (query.state.data?.some((v) => UNFINISHED.has(v.state)) ? 1500 : false),
  });
  const unfinished = variants.data?.some((v) => UNFINISHED.has(v.state)) ?? false;
  const jobs = useQuery({
    queryKey: ["jobs", { type: "media.render_variant", clip_id: clip.id }],
    queryFn: renderJobs,
    enabled: unfinished,
    refetchInterval: unfinished ? 1000 : false,
  });

  const player = useRef<PlayerHandle>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [now, setNow] = useState(clip.start_seconds);
  const savedPreset = clip.caption_preset ?? transcript.caption_preset ?? null;
  const [preset, setPreset] = useState<string | null>(savedPreset);

  // The newest ready variant plays; when one becomes ready while the page is open, it plays.
  const ready = useMemo(
    () =>
      (variants.data ?? clip.variants)
        .filter((v) => v.state === "ready" && (v.video_url || v.preview_url))
        .sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0],
    [variants.data, clip.variants],
  );
  // Until a render is ready, the source video between the clip's edges stands in for it.
  // Signed links change as they are signed again (each refetch may bring a new one): the player
  // keeps the first link of what it plays, so a refetch never reloads the video mid-play.
  const fresh = ready?.video_url ?? ready?.preview_url ?? null;
  const media = fresh ? { id: `variant:${ready!.id}`, url: fresh } : clip.source_url ? { id: `source:${clip.id}`, url: clip.source_url } : null;
  const [pinned, setPinned] = useState(media);
  if (media && pinned?.id !== media.id) setPinned(media);
  const src = media && pinned?.id === media.id ? pinned.url : (media?.url ?? null);
  const rendered = fresh ? src : null;
  const offset = rendered ? clip.start_seconds : 0;
  const range: [number, number] | null = rendered ? null : [clip.start_seconds, clip.end_seconds];
  // A render with captions burnt in already shows the saved preset: the preview is drawn over
  // it only once another preset is picked, unless asked for.
  // While the brand is being edited, its draft is what the player previews.
  const [brandPreview, setBrandPreview] = useState<CaptionStyle | null>(null);
  const [overlayChoice, setOverlay] = useState<boolean | null>(null);
  const overlay = overlayChoice ?? (brandPreview !== null || !(rendered && ready?.captions && preset === savedPreset));
  const [autoPlay, setAutoPlay] = useState(false);
  const hadReady = useRef(Boolean(ready));
  useEffect(() => {
    if (ready && !hadReady.current) {
      hadReady.current = true;
      setAutoPlay(true);
      void queryClient.invalidateQueries({ queryKey: ["clip", clip.id] });
    }
  }, [ready, queryClient, clip.id]);

  const edit = useMutation({
    mutationFn: (body: Edit) => createVersion(clip.id, body),
    onSuccess: async (next, body) => {
      setSelection(null);
      setEditing(null);
      onMade({
        clipId: next.id,
        text: `Version ${next.version} made${madeWith(body)}: ${formatSeconds(next.start_seconds)}–${formatSeconds(next.end_seconds)}. Its videos render again; the player plays the new one once it is ready.`,
      });
      // The edited version is no longer the latest: what is cached of it is out of date.
      await queryClient.invalidateQueries({ queryKey: ["clip", clip.id] });
      await queryClient.invalidateQueries({ queryKey: ["transcript", clip.id] });
      await queryClient.invalidateQueries({ queryKey: ["versions"] });
      await queryClient.invalidateQueries({ queryKey: ["clips"] });
      router.push(`/clips/edit?id=${next.id}`);
    },
    onError: async (error) => {
      // Edited elsewhere in the meantime: show that this version is no longer the latest.
      if (error instanceof ApiProblem && error.status === 409) {
        await queryClient.invalidateQueries({ queryKey: ["clip", clip.id] });
        await queryClient.invalidateQueries({ queryKey: ["versions"] });
      }
    },
  });
  const split = useMutation({
    mutationFn: (at: number) => splitClip(clip.id, at),
    onSuccess: async (parts) => {
      const [first, second] = parts;
      if (!first) return;
      onMade({
        clipId: first.id,
        text: `Split in two: this is the first part (${formatSeconds(first.start_seconds)}–${formatSeconds(first.end_seconds)}).`,
        link: second ? { href: `/clips/edit?id=${second.id}`, label: `Edit the second part (${formatSeconds(second.start_seconds)}–${formatSeconds(second.end_seconds)})` } : undefined,
      });
      await queryClient.invalidateQueries({ queryKey: ["clip", clip.id] });
      await queryClient.invalidateQueries({ queryKey: ["versions"] });
      await queryClient.invalidateQueries({ queryKey: ["clips"] });
      router.push(`/clips/edit?id=${first.id}`);
    },
    onError: async (error) => {
      if (error instanceof ApiProblem && error.status === 409) {
        await queryClient.invalidateQueries({ queryKey: ["clip", clip.id] });
        await queryClient.invalidateQueries({ queryKey: ["versions"] });
      }
    },
  });
  // The clip right after this one in the video, which "Merge with the next clip" joins to it.
  const siblings = useQuery({ queryKey: ["clips", { asset: clip.asset_id }], queryFn: () => clipsOfVideo(clip.asset_id), enabled: editable });
  const next = siblings.data ? nextClip(siblings.data, clip) : null;
  const merge = useMutation({
    mutationFn: (other: string) => mergeClips(clip.id, other),
    onSuccess: async (merged) => {
      onMade({ clipId: merged.id, text: `Merged with the next clip: ${formatSeconds(merged.start_seconds)}–${formatSeconds(merged.end_seconds)}.` });
      await queryClient.invalidateQueries({ queryKey: ["clip", clip.id] });
      await queryClient.invalidateQueries({ queryKey: ["versions"] });
      await queryClient.invalidateQueries({ queryKey: ["clips"] });
      router.push(`/clips/edit?id=${merged.id}`);
    },
  });
  const [pauses, setPauses] = useState("0.3");
  const pauseSeconds = Number(pauses);
  const pausesValid = pauses.trim() !== "" && Number.isFinite(pauseSeconds) && pauseSeconds >= 0.1 && pauseSeconds <= 2;
  const busy = edit.isPending || split.isPending || merge.isPending;
  const removed = useMemo(() => clip.removed ?? transcript.removed ?? [], [clip.removed, transcript.removed]);
  const played = playedSeconds(clip.start_seconds, clip.end_seconds, removed);
  const span = clip.end_seconds - clip.start_seconds;
  const view = useMemo(() => timelineWindow(transcript.words, clip.start_seconds, clip.end_seconds), [transcript.words, clip.start_seconds, clip.end_seconds]);

  const render = useMutation({
    mutationFn: () => requestRender(clip.id, "tiktok"),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["variants", clip.id] });
      await queryClient.invalidateQueries({ queryKey: ["jobs"] });
    },
  });

  const words = transcript.words;
  const clipWords = useMemo(() => words.filter((w) => inRange(w, clip.start_seconds, clip.end_seconds)), [words, clip.start_seconds, clip.end_seconds]);
  const active = activeWordAt(words, now);
  const style = brandPreview ?? presets.data?.find((p) => p.name === preset)?.style ?? null;
  const onTime = useCallback((t: number) => setNow(t), []);
  const seek = (word: Word) => {
    // Just inside the word (its start itself may round to the word before), within the clip.
    const inside = word.start + Math.min(0.03, (word.end - word.start) / 2);
    const t = Math.min(Math.max(inside, clip.start_seconds), clip.end_seconds);
    player.current?.seek(rendered ? sourceToPlayed(clip.start_seconds, t, removed) : t);
    setNow(t);
  };
  const selected = selection ? words.slice(selection.first, selection.last + 1) : [];
  const title = `Edit clip #${clip.rank} of ${clip.asset_name || "a video"}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/clips" className="underline">
          Clips
        </Link>{" "}
        /{" "}
        <Link href={`/clips/detail?id=${clip.id}`} className="underline">
          #{clip.rank}
        </Link>{" "}
        / Edit
      </nav>
      <PageHeader
        title={title}
        description={`Version ${version} · ${formatSeconds(clip.start_seconds)}–${formatSeconds(clip.end_seconds)} · ${
          removed.length ? `plays ${seconds(played, span)} of its ${seconds(span, played)} span (${removed.length} cut${removed.length === 1 ? "" : "s"})` : `${span.toFixed(1)} s`
        }`}
      />
      {!latest ? (
        <p role="note" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          This is version {version}, not the latest: it is read-only. Open the latest version in the list to edit it.
        </p>
      ) : null}
      {!transcript.reliable ? (
        <p role="note" className="mb-4 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm text-slate-800">
          <strong className="font-semibold">Word times may be rough.</strong> {transcript.reason ?? "This speech engine's word times are not exact."}{" "}
          Captions from this engine are off by default.
        </p>
      ) : null}
      {edit.isError ? (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          The edit was not saved: {describe(edit.error)}
        </p>
      ) : null}
      {split.isError ? (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          The clip was not split: {describe(split.error)}
        </p>
      ) : null}
      {merge.isError ? (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          The clips were not merged: {describe(merge.error)}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          {notice.text}
          {notice.link ? (
            <>
              {" "}
              <Link href={notice.link.href} className="font-medium underline">
                {notice.link.label}
              </Link>
            </>
          ) : null}
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[20rem_1fr_16rem]">
        <div className="flex flex-col gap-4">
          <EditorPlayer
            ref={player}
            src={src}
            poster={ready?.cover_url}
            label={`Player: ${title}, version ${version}`}
            offset={offset}
            range={range}
            overlay={overlay}
            words={clipWords}
            style={style}
            autoPlay={autoPlay}
            onTime={onTime}
            removed={rendered ? removed : null}
          />
          <Timeline
            key={`${clip.start_seconds}-${clip.end_seconds}`}
            words={words}
            cuts={transcript.cuts}
            removed={removed}
            start={clip.start_seconds}
            end={clip.end_seconds}
            view={view}
            now={now}
            editable={editable}
            busy={busy}
            onCommit={(edge, seconds) => edit.mutate(edge === "start" ? { start_seconds: seconds } : { end_seconds: seconds })}
          />
          {editable ? (
            <Button size="sm" variant="secondary" disabled={busy} onClick={() => split.mutate(Math.round(now * 1000) / 1000)}>
              Split at the playhead ({now.toFixed(1)} s)
            </Button>
          ) : null}
          <div className="flex flex-col gap-1 text-sm">
            <label className="flex items-center gap-2 text-slate-800">
              <input type="checkbox" checked={overlay} onChange={(event) => setOverlay(event.target.checked)} />
              Preview the captions over the video
            </label>
            {rendered ? null : <p className="text-slate-600">The source video plays until a render is ready.</p>}
          </div>
          <RenderStatus
            variants={variants.data}
            jobs={jobs.data}
            loading={variants.isPending}
            canRender={editable}
            rendering={render.isPending}
            renderError={render.error}
            onRender={() => render.mutate()}
          />
        </div>

        <div className="flex flex-col gap-6">
          <Card>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <CardTitle>Transcript</CardTitle>
              <span className="text-xs text-slate-600">
                {transcript.engine ? `Recognised by ${transcript.engine}` : "No speech engine named"}
              </span>
            </div>
            <p className="mt-1 text-sm text-slate-600">
              Click a word to play from it; shift-click, shift+arrows or drag to select words; double-click or F2 to fix one. Dimmed words are outside
              the clip.
            </p>
            <div className="mt-3 max-h-96 overflow-y-auto p-1">
              {words.length === 0 ? (
                <p className="text-sm text-slate-700">No words were recognised in this video.</p>
              ) : (
                <TranscriptWords
                  words={words}
                  start={clip.start_seconds}
                  end={clip.end_seconds}
                  activeIndex={active?.index ?? null}
                  selection={selection}
                  onSelect={setSelection}
                  onSeek={seek}
                  editable={editable}
                  editing={editing}
                  onEdit={setEditing}
                  onFix={(index, text) => edit.mutate({ word_fixes: [{ index, text }] })}
                  busy={busy}
                  removed={removed}
                />
              )}
            </div>
            <div className="mt-3 flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
              <span className="mr-auto text-sm text-slate-700" aria-live="polite">
                {selected.length === 0
                  ? "No words selected."
                  : `${selected.length} word${selected.length === 1 ? "" : "s"} selected: ${formatSeconds(selected[0]!.start)}–${formatSeconds(selected[selected.length - 1]!.end)}`}
              </span>
              {editable ? (
                <>
                  <Button
                    size="sm"
                    variant="secondary"
                    className="disabled:opacity-50"
                    disabled={!selection || selection.first !== selection.last || edit.isPending}
                    onClick={() => selection && setEditing(selection.first)}
                  >
                    Edit word
                  </Button>
                  <Button
                    size="sm"
                    disabled={!selection || edit.isPending}
                    onClick={() => selection && edit.mutate({ first_word: selection.first, last_word: selection.last })}
                  >
                    Trim to selection
                  </Button>
                </>
              ) : null}
            </div>
          </Card>
          {editable ? (
            <Card>
              <CardTitle>Tighten</CardTitle>
              <p className="mt-1 text-sm text-slate-600">Cut out the filler words (um, uh, er…) or the middles of long pauses. Each makes a new version.</p>
              <div className="mt-3 flex flex-wrap items-end gap-3">
                <Button size="sm" variant="secondary" disabled={busy} onClick={() => edit.mutate({ remove_fillers: true })}>
                  Remove filler words
                </Button>
                <form
                  className="flex items-end gap-2"
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (pausesValid) edit.mutate({ shorten_pauses_to: pauseSeconds });
                  }}
                >
                  <label className="flex flex-col text-sm text-slate-800">
                    Keep of each pause (s)
                    <input
                      type="number"
                      min={0.1}
                      max={2}
                      step={0.05}
                      value={pauses}
                      onChange={(event) => setPauses(event.target.value)}
                      aria-describedby="pauses-help"
                      className="mt-1 h-8 w-20 rounded-md border border-slate-300 px-2 text-sm focus-visible:outline-2 focus-visible:outline-brand-600"
                    />
                  </label>
                  <Button size="sm" type="submit" disabled={busy || !pausesValid}>
                    Shorten pauses
                  </Button>
                </form>
              </div>
              <p id="pauses-help" className="mt-1 text-xs text-slate-600">
                From 0.1 to 2 s: every longer gap between words keeps this much, half on each side.
              </p>
            </Card>
          ) : null}
        </div>

        <div className="flex flex-col gap-6">
          <Card>
            <fieldset>
              <legend className="text-base font-semibold text-slate-900">Caption style</legend>
              {presets.isPending ? (
                <Loading label="Loading the presets…" />
              ) : presets.isError ? (
                <ErrorState error={presets.error} retry={() => void presets.refetch()} />
              ) : (
                <div className="mt-2 flex flex-col gap-1">
                  {presets.data.map((p) => (
                    <label
                      key={p.name}
                      className={cn(
                        "flex cursor-pointer items-center gap-2 rounded-md px-2 py-1 text-sm text-slate-800 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600",
                        preset === p.name ? "bg-brand-50" : "hover:bg-slate-50",
                      )}
                    >
                      <input type="radio" name="caption-preset" value={p.name} checked={preset === p.name} onChange={() => setPreset(p.name)} />
                      <span>
                        {p.label}
                        {p.name === savedPreset ? <span className="text-slate-600"> (current)</span> : null}
                      </span>
                    </label>
                  ))}
                </div>
              )}
            </fieldset>
            {editable ? (
              <Button
                className="mt-3 w-full"
                size="sm"
                disabled={!preset || preset === savedPreset || edit.isPending}
                onClick={() => preset && edit.mutate({ caption_preset: preset })}
              >
                Apply preset
              </Button>
            ) : null}
          </Card>
          <Card>
            <CardTitle>Versions</CardTitle>
            {versions.isPending ? (
              <Loading label="Loading versions…" />
            ) : versions.isError ? (
              <ErrorState error={versions.error} retry={() => void versions.refetch()} />
            ) : (
              <ol className="mt-2 flex flex-col gap-1 text-sm" aria-label="Versions, newest first">
                {versions.data.map((v) => (
                  <li key={v.id}>
                    <Link
                      href={`/clips/edit?id=${v.id}`}
                      aria-current={v.id === clip.id ? "page" : undefined}
                      className={cn(
                        "block rounded-md px-2 py-1 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600",
                        v.id === clip.id ? "bg-slate-100 font-semibold text-slate-900" : "text-brand-700",
                      )}
                    >
                      Version {v.version}
                      {v.latest ? " (latest)" : ""} · {formatSeconds(v.start_seconds)}–{formatSeconds(v.end_seconds)}
                      {v.caption_preset ? ` · ${v.caption_preset}` : ""}
                    </Link>
                  </li>
                ))}
              </ol>
            )}
            {editable && next ? (
              <Button className="mt-3 w-full" size="sm" variant="secondary" disabled={busy} onClick={() => merge.mutate(next.id)}>
                Merge with the next clip ({formatSeconds(next.start_seconds)}–{formatSeconds(next.end_seconds)})
              </Button>
            ) : null}
          </Card>
          {can("workspace:manage") && presets.data ? <BrandForm presets={presets.data} onPreview={setBrandPreview} /> : null}
        </div>
      </div>
    </>
  );
}

function RenderStatus({
  variants,
  jobs,
  loading,
  canRender,
  rendering,
  renderError,
  onRender,
}: {
  variants: Variant[] | undefined;
  jobs: Schemas["JobOut"][] | undefined;
  loading: boolean;
  canRender: boolean;
  rendering: boolean;
  renderError: unknown;
  onRender: () => void;
}) {
  const jobOf = (variant: Variant) => jobs?.find((job) => job.params.variant_id === variant.id);
  return (
    <Card>
      <CardTitle>Renders</CardTitle>
      {renderError ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {describe(renderError)}
        </p>
      ) : null}
      {loading ? (
        <Loading label="Loading renders…" />
      ) : !variants || variants.length === 0 ? (
        <div className="mt-2 flex flex-col gap-2 text-sm text-slate-700">
          <p>This version has no video yet.</p>
          {canRender ? (
            <Button size="sm" disabled={rendering} onClick={onRender}>
              Render
            </Button>
          ) : null}
        </div>
      ) : (
        <ul className="mt-2 flex flex-col gap-3 text-sm">
          {variants.map((variant) => {
            const job = jobOf(variant);
            const busy = UNFINISHED.has(variant.state);
            const name = `${platformName(variant.platform)}${variant.captions ? " with captions" : ""}`;
            return (
              <li key={variant.id} className="flex flex-col gap-1">
                <div className="flex items-center justify-between gap-2">
                  <span className="font-medium text-slate-900">{name}</span>
                  <StateBadge state={variant.state} />
                </div>
                {busy ? (
                  <>
                    <ProgressBar value={job?.progress ?? 0} label={`Rendering ${name}`} />
                    <span className="text-xs text-slate-600">{job ? `${job.progress}%` : variant.state === "pending" ? "Waiting for a worker" : "Rendering"}</span>
                  </>
                ) : null}
                {variant.error ? <span className="text-xs text-red-700">{variant.error}</span> : null}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
