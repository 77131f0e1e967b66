// Signing in and registering from the browser: the session lives in httpOnly cookies
// (POST /v1/auth/session), never in the page.
// zod/mini: the same checks, a fraction of the bytes on the sign-in pages (the budget).
import * as z from "zod/mini";

export const MIN_PASSWORD = 12;

const email = z.string().check(
  z.trim(),
  z.minLength(1, "Enter your email address."),
  z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "Enter an email address like name@example.com."),
);

export const signInSchema = z.object({
  email,
  password: z.string().check(z.minLength(1, "Enter your password.")),
});
export type SignInValues = z.infer<typeof signInSchema>;

export const registerSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1, "Enter your name."), z.maxLength(200, "Keep your name under 200 characters.")),
  email,
  password: z
    .string()
    .check(z.minLength(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters.`), z.maxLength(1024, "Use at most 1024 characters.")),
  workspace_name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "Name your workspace (your brand or team)."),
      z.maxLength(200, "Keep the workspace name under 200 characters."),
    ),
});
export type RegisterValues = z.infer<typeof registerSchema>;

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
