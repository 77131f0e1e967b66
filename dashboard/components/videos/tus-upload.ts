"use client";

// One resumable upload over tus (docs/uploads.md): the browser sends the session cookie on its
// own; every request also carries the CSRF token and the workspace. The upload's URL is kept in
// localStorage under the file's fingerprint, so after a reload the same file continues from the
// offset the server already has.
import * as tus from "tus-js-client";
import { useCallback, useEffect, useReducer, useRef } from "react";
import { csrfToken, renewSession } from "@/lib/api";
import { toProblem } from "@/lib/errors";
import { initialUpload, uploadReducer, type UploadState } from "./upload-state";

export const TUS_PATH = "/v1/uploads/tus";
/** Small enough that SQLite (the embedded default) is not held for long by one chunk. */
export const CHUNK_BYTES = 5 * 1024 * 1024;
export const ASSET_ID_HEADER = "Stakazo-Asset-Id";

export type Transport = {
  httpStack?: tus.HttpStack;
  urlStorage?: tus.UrlStorage;
};

export function tusEndpoint(): string {
  return `${typeof window === "undefined" ? "" : window.location.origin}${TUS_PATH}`;
}

/** The file's fingerprint, per workspace: the same file in another workspace is another upload. */
export function fingerprintFor(workspaceId: string) {
  return async (file: File, options: tus.UploadOptions): Promise<string> =>
    `${await tus.defaultOptions.fingerprint(file, options)}-ws-${workspaceId}`;
}

export function urlStorage(transport?: Transport): tus.UrlStorage {
  return transport?.urlStorage ?? tus.defaultOptions.urlStorage;
}

/** Why an upload stopped, in words. */
export function describeUploadError(error: Error): string {
  const response = (error as tus.DetailedError).originalResponse;
  if (!response) {
    return "The connection to the server was lost. Resume to continue from where it stopped.";
  }
  const status = response.getStatus();
  let body: unknown;
  try {
    body = JSON.parse(response.getBody());
  } catch {
    body = undefined;
  }
  const problem = toProblem(status, body);
  if (status === 413) return `Too large: ${problem.message}`;
  if (status === 415) return `Not a supported video: ${problem.message}`;
  if (status === 403) return `Not allowed: ${problem.message}`;
  if (status === 404 || status === 410) return `This upload is no longer on the server: ${problem.message} Start it again.`;
  return `The server refused the upload: ${problem.message}`;
}

function withSession(workspaceId: string) {
  let renewal: Promise<boolean> | null = null;
  return {
    async onBeforeRequest(request: tus.HttpRequest) {
      if (renewal) await renewal;
      request.setHeader("X-CSRF-Token", csrfToken());
      request.setHeader("X-Workspace-Id", workspaceId);
    },
    onShouldRetry(error: tus.DetailedError, attempt: number): boolean {
      const status = error.originalResponse?.getStatus() ?? 0;
      if (status === 401) {
        // The access cookie expired during a long upload: renew it once, then try again.
        if (attempt > 0) return false;
        renewal = renewSession().finally(() => {
          renewal = null;
        });
        return true;
      }
      const refused = status >= 400 && status < 500 && status !== 409 && status !== 423;
      return !refused;
    },
  };
}

type Options = {
  file: File;
  workspaceId: string;
  chunkSize?: number;
  transport?: Transport;
  onDone?: (assetId: string | null) => void;
};

export type UploadControls = {
  state: UploadState;
  pause: () => void;
  resume: () => void;
  cancel: () => void;
};

export function useTusUpload({ file, workspaceId, chunkSize = CHUNK_BYTES, transport, onDone }: Options): UploadControls {
  const [state, dispatch] = useReducer(uploadReducer, file.size, initialUpload);
  const uploadRef = useRef<tus.Upload | null>(null);
  const onDoneRef = useRef(onDone);
  useEffect(() => {
    onDoneRef.current = onDone;
  }, [onDone]);

  useEffect(() => {
    let assetId: string | null = null;
    let stopped = false;
    const session = withSession(workspaceId);
    const upload = new tus.Upload(file, {
      endpoint: tusEndpoint(),
      chunkSize,
      metadata: { filename: file.name, filetype: file.type || "application/octet-stream" },
      fingerprint: fingerprintFor(workspaceId),
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      retryDelays: [0, 1000, 3000, 5000],
      ...(transport?.httpStack ? { httpStack: transport.httpStack } : {}),
      ...(transport?.urlStorage ? { urlStorage: transport.urlStorage } : {}),
      onBeforeRequest: session.onBeforeRequest,
      onShouldRetry: session.onShouldRetry,
      onAfterResponse(request, response) {
        const id = response.getHeader(ASSET_ID_HEADER);
        if (id) assetId = id;
        if (request.getMethod() === "HEAD" && response.getStatus() === 200) {
          dispatch({ type: "resumed", offset: Number(response.getHeader("Upload-Offset") ?? 0) });
        }
      },
      onProgress(bytesSent, bytesTotal) {
        if (!stopped) dispatch({ type: "progress", bytesSent, bytesTotal, at: Date.now() });
      },
      onSuccess({ lastResponse }) {
        const id = lastResponse.getHeader(ASSET_ID_HEADER) ?? assetId;
        dispatch({ type: "done", assetId: id });
        onDoneRef.current?.(id);
      },
      onError(error) {
        if (!stopped) dispatch({ type: "failed", error: describeUploadError(error) });
      },
    });
    uploadRef.current = upload;
    void upload
      .findPreviousUploads()
      .then((previous) => {
        if (stopped) return;
        const last = previous[previous.length - 1];
        if (last) upload.resumeFromPreviousUpload(last);
        dispatch({ type: "started" });
        upload.start();
      })
      .catch((error: Error) => dispatch({ type: "failed", error: describeUploadError(error) }));
    return () => {
      stopped = true;
      void upload.abort();
    };
  }, [file, workspaceId, chunkSize, transport]);

  const pause = useCallback(() => {
    void uploadRef.current?.abort();
    dispatch({ type: "paused" });
  }, []);
  const resume = useCallback(() => {
    dispatch({ type: "continued" });
    uploadRef.current?.start();
  }, []);
  const cancel = useCallback(() => {
    const upload = uploadRef.current;
    dispatch({ type: "cancelled" });
    // Terminating deletes the bytes on the server and forgets the upload here.
    if (upload?.url) void upload.abort(true).catch(() => undefined);
    else void upload?.abort();
  }, []);

  return { state, pause, resume, cancel };
}
