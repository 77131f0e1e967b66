// The one way the dashboard talks to the API: the generated client, on the same origin, with the
// browser session's cookies. Unsafe methods carry the CSRF token; the chosen workspace goes in
// X-Workspace-Id; a 401 renews the session once and repeats the request.
import { createStakazoClient, type Middleware } from "@stakazo/api-client";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const SESSION_PATH = "/v1/auth/session";

let workspaceId: string | null = null;
const signedOutListeners = new Set<() => void>();

export function setWorkspaceId(id: string | null): void {
  workspaceId = id;
}

export function currentWorkspaceId(): string | null {
  return workspaceId;
}

/** Called when the session is over (expired, revoked, signed out elsewhere). */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export function csrfToken(): string {
  if (typeof document === "undefined") return "";
  const match = document.cookie.match(/(?:^|;\s*)stakazo_csrf=([^;]*)/);
  return match?.[1] ? decodeURIComponent(match[1]) : "";
}

function baseUrl(): string {
  return typeof window === "undefined" ? "http://127.0.0.1:8000" : window.location.origin;
}

// Without middleware: renewing the session must not itself trigger a renewal.
const bare = createStakazoClient({ baseUrl: baseUrl(), credentials: "same-origin" });

let renewing: Promise<boolean> | null = null;

/** Renew the access cookie once for every request that met a 401 at the same moment. */
export function renewSession(): Promise<boolean> {
  renewing ??= bare
    .POST("/v1/auth/session/refresh", { headers: { "X-CSRF-Token": csrfToken() } })
    .then(({ response }) => response.ok)
    .catch(() => false)
    .finally(() => {
      renewing = null;
    });
  return renewing;
}

const originals = new WeakMap<Request, Request>();

const session: Middleware = {
  onRequest({ request }) {
    if (UNSAFE.has(request.method)) request.headers.set("X-CSRF-Token", csrfToken());
    if (workspaceId && !request.headers.has("X-Workspace-Id")) {
      request.headers.set("X-Workspace-Id", workspaceId);
    }
    originals.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || new URL(request.url).pathname.startsWith(SESSION_PATH)) {
      return response;
    }
    const again = originals.get(request);
    if (again && (await renewSession())) {
      if (UNSAFE.has(again.method)) again.headers.set("X-CSRF-Token", csrfToken());
      const repeated = await fetch(again);
      if (repeated.status !== 401) return repeated;
    }
    signedOutListeners.forEach((listener) => listener());
    return response;
  },
};

export const api = createStakazoClient({ baseUrl: baseUrl(), credentials: "same-origin" });
api.use(session);
