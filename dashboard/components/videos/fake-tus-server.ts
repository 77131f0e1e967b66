// A tus server in memory, behind tus-js-client's HttpStack interface: component tests drive the
// real client against it and can hold a chunk in flight (to pause mid-upload) or refuse a request.
import type { HttpRequest, HttpResponse, HttpStack } from "tus-js-client";

type Stored = { length: number; offset: number; metadata: string };
export type Seen = { method: string; url: string; headers: Record<string, string> };

class Response implements HttpResponse {
  constructor(
    private status: number,
    private headers: Record<string, string> = {},
    private body = "",
  ) {}
  getStatus() {
    return this.status;
  }
  getHeader(name: string) {
    return this.headers[name.toLowerCase()];
  }
  getBody() {
    return this.body;
  }
  getUnderlyingObject() {
    return null;
  }
}

export class FakeTusServer {
  uploads = new Map<string, Stored>();
  seen: Seen[] = [];
  /** When set, the next PATCH waits until released (or aborted). */
  holdNextPatch = false;
  held: (() => void) | null = null;
  refuseCreate: { status: number; body: unknown } | null = null;
  private count = 0;

  stack(): HttpStack {
    return { createRequest: (method, url) => this.request(method, url), getName: () => "fake" };
  }

  release() {
    const release = this.held;
    this.held = null;
    release?.();
  }

  private request(method: string, url: string): HttpRequest {
    const headers: Record<string, string> = {};
    let progress: (bytes: number) => void = () => undefined;
    let abort: () => void = () => undefined;
    return {
      getMethod: () => method,
      getURL: () => url,
      setHeader: (name, value) => {
        headers[name.toLowerCase()] = value;
      },
      getHeader: (name) => headers[name.toLowerCase()],
      setProgressHandler: (handler) => {
        progress = handler;
      },
      send: async (body?: Blob) => {
        this.seen.push({ method, url, headers: { ...headers } });
        return this.answer(method, url, headers, body, progress, (cancel) => {
          abort = cancel;
        });
      },
      abort: async () => abort(),
      getUnderlyingObject: () => null,
    };
  }

  private async answer(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: Blob | undefined,
    progress: (bytes: number) => void,
    onAbort: (cancel: () => void) => void,
  ): Promise<HttpResponse> {
    const tus = { "tus-resumable": "1.0.0" };
    if (method === "POST") {
      if (this.refuseCreate) {
        return new Response(this.refuseCreate.status, tus, JSON.stringify(this.refuseCreate.body));
      }
      const id = `up-${++this.count}`;
      this.uploads.set(id, { length: Number(headers["upload-length"]), offset: 0, metadata: headers["upload-metadata"] ?? "" });
      return new Response(201, { ...tus, location: `/v1/uploads/tus/${id}`, "upload-offset": "0" });
    }
    const id = url.split("/").pop()!;
    const upload = this.uploads.get(id);
    if (!upload) return new Response(404, tus, JSON.stringify({ error: "upload_not_found", detail: "No such upload." }));
    if (method === "HEAD") {
      return new Response(200, { ...tus, "upload-offset": String(upload.offset), "upload-length": String(upload.length) });
    }
    if (method === "PATCH") {
      if (Number(headers["upload-offset"]) !== upload.offset) return new Response(409, { ...tus, "upload-offset": String(upload.offset) });
      const size = body?.size ?? 0;
      if (this.holdNextPatch) {
        this.holdNextPatch = false;
        progress(Math.floor(size / 2));
        await new Promise<void>((resolve, reject) => {
          this.held = resolve;
          onAbort(() => reject(new Error("aborted")));
        });
      }
      progress(size);
      upload.offset += size;
      const done: Record<string, string> = upload.offset === upload.length ? { "stakazo-asset-id": `asset-${id}` } : {};
      return new Response(204, { ...tus, "upload-offset": String(upload.offset), ...done });
    }
    if (method === "DELETE") {
      this.uploads.delete(id);
      return new Response(204, tus);
    }
    return new Response(405, tus);
  }
}
