"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { api } from "@/lib/api";
import type { SignInValues } from "@/lib/auth-schemas";
import { lazyResolver } from "@/lib/forms";
import { ApiProblem, describe, unwrap } from "@/lib/errors";
import { FormProblem } from "./auth-frame";

function problemText(error: unknown): string {
  if (error instanceof ApiProblem && error.code === "origin_not_allowed") {
    return "This address is not the dashboard's. Open Stakazo at the address it was started with.";
  }
  return describe(error);
}


const resolver = lazyResolver<SignInValues>(async () => {
  const [{ zodResolver }, schemas] = await Promise.all([import("@hookform/resolvers/zod"), import("@/lib/auth-schemas")]);
  return zodResolver(schemas.signInSchema);
});

/** Email and password → a browser session; then `onSignedIn`. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignInValues>({ resolver, defaultValues: { email: "", password: "" } });

  const submit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      unwrap(await api.POST("/v1/auth/session", { body: values }));
    } catch (error) {
      setProblem(problemText(error));
      return;
    }
    queryClient.clear();
    onSignedIn();
  });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Sign in">
      {problem ? <FormProblem>{problem}</FormProblem> : null}
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input
          id="email"
          type="email"
          autoComplete="username"
          autoFocus
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? "email-error" : undefined}
          {...register("email")}
        />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input
          id="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "password-error" : undefined}
          {...register("password")}
        />
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}

export function RegisterLink() {
  return (
    <>
      New here?{" "}
      <Link href="/register" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600">
        Create an account
      </Link>
    </>
  );
}
