"use client";

// Drag a video here (or choose one) and it uploads over tus: progress with percent and speed,
// pause, resume, cancel. Uploads left unfinished (a closed tab, a reload) are listed, and picking
// the same file again continues from what the server already has.
import * as tus from "tus-js-client";
import { CheckCircle2, Pause, Play, UploadCloud, X } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress";
import { csrfToken } from "@/lib/api";
import { cn, formatBytes, timeAgo } from "@/lib/utils";
import { percentOf } from "./upload-state";
import { CHUNK_BYTES, urlStorage, useTusUpload, type Transport } from "./tus-upload";

type Item = { key: number; file: File };

export type UploadPanelProps = {
  workspaceId: string;
  chunkSize?: number;
  /** For tests: where the bytes go and where unfinished uploads are remembered. */
  transport?: Transport;
  onUploaded?: (assetId: string | null) => void;
};

let nextKey = 1;

export function UploadPanel({ workspaceId, chunkSize = CHUNK_BYTES, transport, onUploaded }: UploadPanelProps) {
  const [items, setItems] = useState<Item[]>([]);
  const [dragging, setDragging] = useState(false);
  const [remembered, setRemembered] = useState<tus.PreviousUpload[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const headingId = useId();

  const refreshRemembered = useCallback(async () => {
    try {
      const all = await urlStorage(transport).findAllUploads();
      setRemembered(all.filter((upload) => upload.urlStorageKey.includes(`-ws-${workspaceId}::`)));
    } catch {
      setRemembered([]);
    }
  }, [transport, workspaceId]);

  useEffect(() => {
    // Reads localStorage, which only exists in the browser, once the panel is on screen.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refreshRemembered();
  }, [refreshRemembered]);

  const add = (files: FileList | File[] | null) => {
    const picked = Array.from(files ?? []);
    if (picked.length === 0) return;
    setItems((current) => [...picked.map((file) => ({ key: nextKey++, file })), ...current]);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    add(event.dataTransfer.files);
  };

  const forget = async (upload: tus.PreviousUpload) => {
    if (upload.uploadUrl) {
      await tus.Upload.terminate(upload.uploadUrl, {
        ...(transport?.httpStack ? { httpStack: transport.httpStack } : {}),
        onBeforeRequest: (request) => {
          request.setHeader("X-CSRF-Token", csrfToken());
          request.setHeader("X-Workspace-Id", workspaceId);
        },
      }).catch(() => undefined); // already gone on the server: forgetting it here is enough
    }
    await urlStorage(transport).removeUpload(upload.urlStorageKey);
    await refreshRemembered();
  };

  const finished = useCallback(
    (assetId: string | null) => {
      void refreshRemembered();
      onUploaded?.(assetId);
    },
    [onUploaded, refreshRemembered],
  );

  const active = new Set(items.map((item) => item.file.name));
  const waiting = remembered.filter((upload) => !active.has(upload.metadata.filename ?? ""));

  return (
    <section aria-labelledby={headingId} className="mb-8">
      <h2 id={headingId} className="sr-only">
        Upload videos
      </h2>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="dropzone"
        className={cn(
          "flex flex-col items-center gap-3 rounded-lg border-2 border-dashed p-8 text-center transition-colors",
          dragging ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white",
        )}
      >
        <UploadCloud className="h-8 w-8 text-slate-500" aria-hidden />
        <p className="text-sm text-slate-700">
          Drag videos here, or choose them. Large files are sent in pieces and can be paused and resumed, even after
          closing the page.
        </p>
        <Button type="button" onClick={() => input.current?.click()}>
          Choose files
        </Button>
        <input
          ref={input}
          type="file"
          accept="video/*,.mkv,.ts,.mpg,.mpeg,.m4v"
          multiple
          aria-label="Video files to upload"
          className="sr-only"
          tabIndex={-1}
          onChange={(event) => {
            add(event.target.files);
            event.target.value = "";
          }}
        />
      </div>

      {waiting.length > 0 ? (
        <Card className="mt-4">
          <CardTitle>Unfinished uploads</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            Choose the same file again to continue where it stopped; the bytes already sent are not sent again.
          </p>
          <ul className="mt-3 divide-y divide-slate-100" aria-label="Unfinished uploads">
            {waiting.map((upload) => (
              <li key={upload.urlStorageKey} className="flex items-center justify-between gap-3 py-2 text-sm">
                <span>
                  <span className="font-medium text-slate-900">{upload.metadata.filename ?? "A video"}</span>{" "}
                  <span className="text-slate-600">
                    ({formatBytes(upload.size)}, started {timeAgo(upload.creationTime)})
                  </span>
                </span>
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => void forget(upload)}
                  aria-label={`Forget the unfinished upload of ${upload.metadata.filename ?? "a video"}`}
                >
                  Forget
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      {items.length > 0 ? (
        <ul className="mt-4 flex flex-col gap-3" aria-label="Uploads">
          {items.map((item) => (
            <UploadRow
              key={item.key}
              file={item.file}
              workspaceId={workspaceId}
              chunkSize={chunkSize}
              transport={transport}
              onDone={finished}
              onDismiss={() => setItems((current) => current.filter((other) => other.key !== item.key))}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function speedText(speed: number | null): string {
  return speed == null ? "" : `${formatBytes(speed)}/s`;
}

export function UploadRow({
  file,
  workspaceId,
  chunkSize,
  transport,
  onDone,
  onDismiss,
}: {
  file: File;
  workspaceId: string;
  chunkSize: number;
  transport?: Transport;
  onDone: (assetId: string | null) => void;
  onDismiss: () => void;
}) {
  const { state, pause, resume, cancel } = useTusUpload({ file, workspaceId, chunkSize, transport, onDone });
  const percent = percentOf(state);
  const finished = state.phase === "done" || state.phase === "cancelled";
  const status = {
    starting: "Starting…",
    uploading: `Uploading: ${percent} %${state.speed != null ? ` at ${speedText(state.speed)}` : ""}`,
    paused: `Paused at ${percent} %`,
    done: "Uploaded. Processing starts now.",
    failed: "Stopped",
    cancelled: "Cancelled; the bytes sent were deleted.",
  }[state.phase];

  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={`Upload of ${file.name}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate font-medium text-slate-900">{file.name}</p>
          <p className="text-sm text-slate-600">
            {formatBytes(state.bytesSent)} of {formatBytes(state.bytesTotal)}
          </p>
        </div>
        <div className="flex gap-2">
          {state.phase === "uploading" || state.phase === "starting" ? (
            <Button variant="secondary" size="sm" onClick={pause}>
              <Pause className="h-4 w-4" aria-hidden /> Pause
            </Button>
          ) : null}
          {state.phase === "paused" || state.phase === "failed" ? (
            <Button variant="secondary" size="sm" onClick={resume}>
              <Play className="h-4 w-4" aria-hidden /> Resume
            </Button>
          ) : null}
          {!finished ? (
            <Button variant="ghost" size="sm" onClick={cancel}>
              <X className="h-4 w-4" aria-hidden /> Cancel
            </Button>
          ) : (
            <Button variant="ghost" size="sm" onClick={onDismiss} aria-label={`Dismiss ${file.name}`}>
              Dismiss
            </Button>
          )}
        </div>
      </div>
      <ProgressBar value={percent} label={`Upload of ${file.name}`} className="mt-3" />
      <p className="mt-2 text-sm text-slate-700" role="status" aria-live="polite">
        {state.phase === "done" ? <CheckCircle2 className="mr-1 inline h-4 w-4 text-emerald-700" aria-hidden /> : null}
        {status}
        {state.phase === "done" && state.assetId ? (
          <>
            {" "}
            <Link className="font-medium text-brand-700 underline" href={`/videos/detail?id=${state.assetId}`}>
              Open the video
            </Link>
          </>
        ) : null}
      </p>
      {state.resumedFrom != null && state.resumedFrom > 0 ? (
        <p className="mt-1 text-sm text-slate-700" data-testid="resumed">
          Resumed from {formatBytes(state.resumedFrom)} ({percentOf({ bytesSent: state.resumedFrom, bytesTotal: state.bytesTotal })} %) that
          the server already had.
        </p>
      ) : null}
      {state.error ? (
        <p className="mt-1 text-sm font-medium text-red-700" role="alert">
          {state.error}
        </p>
      ) : null}
    </li>
  );
}
