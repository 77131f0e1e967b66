// Signing in and registering from the browser: the session lives in httpOnly cookies
// (POST /v1/auth/session), never in the page. The forms' checks are in auth-schemas.ts.

export const MIN_PASSWORD = 12;

/** Where to go after signing in: only a path on this site, never another origin. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f]/.test(next)) return "/";
  try {
    const url = new URL(next, "http://stakazo.invalid");
    if (url.origin !== "http://stakazo.invalid") return "/";
    if (url.pathname === "/signin" || url.pathname === "/register") return "/";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}
