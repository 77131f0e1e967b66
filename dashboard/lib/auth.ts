// Signing in and registering from the browser: the session lives in httpOnly cookies
// (POST /v1/auth/session), never in the page.
import { z } from "zod";

export const MIN_PASSWORD = 12;

const email = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "Enter an email address like name@example.com.");

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password."),
});
export type SignInValues = z.infer<typeof signInSchema>;

export const registerSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(200, "Keep your name under 200 characters."),
  email,
  password: z
    .string()
    .min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters.`)
    .max(1024, "Use at most 1024 characters."),
  workspace_name: z
    .string()
    .trim()
    .min(1, "Name your workspace (your brand or team).")
    .max(200, "Keep the workspace name under 200 characters."),
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
