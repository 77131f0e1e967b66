"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { api } from "@/lib/api";
import { MIN_PASSWORD } from "@/lib/auth";
import type { RegisterValues } from "@/lib/auth-schemas";
import { lazyResolver } from "@/lib/forms";
import { ApiProblem, describe, unwrap } from "@/lib/errors";
import { FormProblem } from "./auth-frame";

const signInLink = (
  <Link href="/signin" className="font-medium underline underline-offset-2">
    Go to sign in
  </Link>
);

function problemOf(error: unknown): ReactNode {
  if (error instanceof ApiProblem && error.code === "signup_closed") {
    return (
      <>
        This Stakazo already has its first account, and sign-up is closed: an admin adds new members from the
        Members page. If you have an account, sign in. {signInLink}
      </>
    );
  }
  if (error instanceof ApiProblem && error.code === "email_taken") {
    return (
      <>
        {error.message} {signInLink}
      </>
    );
  }
  return describe(error);
}

type Props = { onRegistered: () => void };


const resolver = lazyResolver<RegisterValues>(async () => {
  const [{ zodResolver }, schemas] = await Promise.all([import("@hookform/resolvers/zod"), import("@/lib/auth-schemas")]);
  return zodResolver(schemas.registerSchema);
});

/** The first account of this Stakazo (or anyone's, where sign-up is open), then signed in. */
export function RegisterForm({ onRegistered }: Props) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<ReactNode>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<RegisterValues>({
    resolver,
    defaultValues: { name: "", email: "", password: "", workspace_name: "" },
  });

  const submit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      unwrap(await api.POST("/v1/auth/register", { body: values }));
      unwrap(await api.POST("/v1/auth/session", { body: { email: values.email, password: values.password } }));
    } catch (error) {
      setProblem(problemOf(error));
      return;
    }
    queryClient.clear();
    onRegistered();
  });

  const field = (name: keyof RegisterValues) => ({
    id: name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${name}-error` : name === "password" ? "password-hint" : undefined,
    ...register(name),
  });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Create your account">
      {problem ? <FormProblem>{problem}</FormProblem> : null}
      <Field id="name" label="Your name" error={errors.name?.message}>
        <Input autoComplete="name" autoFocus {...field("name")} />
      </Field>
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input type="email" autoComplete="email" {...field("email")} />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input type="password" autoComplete="new-password" {...field("password")} />
        {errors.password ? null : (
          <p id="password-hint" className="text-xs text-slate-600">
            At least {MIN_PASSWORD} characters. A phrase of a few words works well.
          </p>
        )}
      </Field>
      <Field id="workspace_name" label="Workspace name" error={errors.workspace_name?.message}>
        <Input autoComplete="organization" placeholder="Your brand or team" {...field("workspace_name")} />
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
