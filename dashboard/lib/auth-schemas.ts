// The sign-in and registration checks, with zod/mini. Loaded on first validation, not with the
// page: zod is a fifth of a sign-in page's script budget.
import * as z from "zod/mini";
import { MIN_PASSWORD } from "./auth";

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

