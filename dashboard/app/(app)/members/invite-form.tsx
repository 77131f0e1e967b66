"use client";

// Invite someone by email with a role (and an initial password for someone new).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import * as z from "zod/mini";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { ROLES } from "./role-form";

const inviteSchema = z.object({
  email: z.email("Enter an email address."),
  role: z.enum(ROLES),
  name: z.string().check(z.maxLength(200)),
  password: z.union([z.literal(""), z.string().check(z.minLength(12, "At least 12 characters, or leave it empty."))]),
});

export function InviteForm() {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ email: "", role: "editor" as (typeof ROLES)[number], name: "", password: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const invite = useMutation({
    mutationFn: async (body: z.infer<typeof inviteSchema>) =>
      unwrap(await api.POST("/v1/members", { body: { ...body, password: body.password || null } })),
    onSuccess: () => {
      setValues((v) => ({ ...v, email: "", name: "", password: "" }));
      void queryClient.invalidateQueries({ queryKey: ["invitations"] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = inviteSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setErrors({});
    invite.mutate(parsed.data);
  };
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: event.target.value }));
  return (
    <form onSubmit={submit} noValidate className="grid gap-3 md:grid-cols-2">
      <Field id="invite-email" label="Email" error={errors.email}>
        <Input id="invite-email" type="email" autoComplete="off" value={values.email} onChange={set("email")} aria-invalid={errors.email ? true : undefined} aria-describedby={errors.email ? "invite-email-error" : undefined} />
      </Field>
      <Field id="invite-role" label="Role">
        <select id="invite-role" value={values.role} onChange={set("role")} className="h-10 rounded-md border border-slate-300 bg-white px-2 text-sm">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </Field>
      <Field id="invite-name" label="Name (optional)">
        <Input id="invite-name" value={values.name} onChange={set("name")} />
      </Field>
      <Field id="invite-password" label="Initial password (optional, for someone new)" error={errors.password}>
        <Input id="invite-password" type="password" autoComplete="new-password" value={values.password} onChange={set("password")} aria-invalid={errors.password ? true : undefined} aria-describedby={errors.password ? "invite-password-error" : undefined} />
      </Field>
      <div className="flex flex-wrap items-center gap-3 md:col-span-2">
        <Button type="submit" disabled={invite.isPending}>
          {invite.isPending ? "Inviting…" : "Invite"}
        </Button>
        <div role="status" aria-live="polite" className="text-sm">
          {invite.isSuccess ? (
            <span className="text-emerald-800">
              {invite.data.email} is invited as {invite.data.role}; they join once they accept.
            </span>
          ) : null}
        </div>
        {invite.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {describe(invite.error)}
          </p>
        ) : null}
      </div>
    </form>
  );
}
