"use client";

// Change one member's role: pick it, save it; the API's refusal (the last admin, say) in words.
import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";

type Member = Schemas["MemberOut"];
export const ROLES = ["admin", "editor", "viewer"] as const;

export function RoleForm({ member, disabled = false }: { member: Member; disabled?: boolean }) {
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Member["role"]>(member.role);
  const change = useMutation({
    mutationFn: async (next: Member["role"]) =>
      unwrap(await api.PATCH("/v1/members/{user_id}", { params: { path: { user_id: member.user_id } }, body: { role: next } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["members"] }),
  });
  const id = `role-${member.user_id}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if ((ROLES as readonly string[]).includes(role)) change.mutate(role);
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          Role of {member.email}
        </label>
        <select
          id={id}
          value={role}
          disabled={disabled || change.isPending}
          onChange={(event) => {
            setRole(event.target.value as Member["role"]);
            change.reset();
          }}
          className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm disabled:bg-slate-100"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        {role !== member.role ? (
          <Button type="submit" size="sm" disabled={disabled || change.isPending}>
            {change.isPending ? "Saving…" : "Save role"}
          </Button>
        ) : null}
      </div>
      {change.isError ? (
        <p role="alert" className="text-xs text-red-700">
          {describe(change.error)}
        </p>
      ) : change.isSuccess && role === member.role ? (
        <p role="status" className="text-xs text-emerald-800">
          Now {member.role}.
        </p>
      ) : null}
    </form>
  );
}
