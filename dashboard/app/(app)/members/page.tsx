"use client";

// Members and roles (admins manage; others see who is here). Invite with a role, pending
// invitations with revoke, change role, deactivate / reactivate, remove; what each role permits.
import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { PageHeader } from "@/components/ui/page-header";
import { Empty, QueryState } from "@/components/ui/states";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";
import { timeAgo } from "@/lib/utils";
import { RoleForm } from "./role-form";

// Admins only: kept out of everyone's initial JavaScript.
const InviteForm = dynamic(() => import("./invite-form").then((m) => m.InviteForm), { ssr: false });

type Member = Schemas["MemberOut"];

function Invitations() {
  const queryClient = useQueryClient();
  const invitations = useQuery({
    queryKey: ["invitations"],
    queryFn: async () => unwrap(await api.GET("/v1/members/invitations", { params: { query: { limit: 200 } } })),
  });
  const revoke = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE("/v1/members/invitations/{invitation_id}", { params: { path: { invitation_id: id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["invitations"] }),
  });
  return (
    <QueryState query={invitations} empty={(page) => (page.items.length === 0 ? <p className="text-sm text-slate-600">No invitation is waiting for an answer.</p> : null)}>
      {(page) => (
        <>
          <ul className="flex flex-col divide-y divide-slate-200">
            {page.items.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  <span className="font-medium">{invitation.email}</span> as {invitation.role} · expires {timeAgo(invitation.expires_at)}
                </span>
                <Button size="sm" variant="ghost" disabled={revoke.isPending} onClick={() => revoke.mutate(invitation.id)}>
                  Revoke invitation for {invitation.email}
                </Button>
              </li>
            ))}
          </ul>
          {revoke.isError ? <p role="alert" className="text-sm text-red-700">{describe(revoke.error)}</p> : null}
        </>
      )}
    </QueryState>
  );
}

type Pending = { member: Member; action: "deactivate" | "reactivate" | "remove" };

const ACTION_WORDS = {
  deactivate: { title: "Deactivate", text: "They can no longer sign in anywhere and their sessions end now. You can reactivate them later." },
  reactivate: { title: "Reactivate", text: "They can sign in again with their role." },
  remove: { title: "Remove", text: "They leave this workspace; their account and other workspaces are untouched." },
} as const;

function MemberActions({ pending, onDone }: { pending: Pending | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: async ({ member, action }: Pending) => {
      const path = { params: { path: { user_id: member.user_id } } };
      if (action === "remove") return unwrap(await api.DELETE("/v1/members/{user_id}", path));
      if (action === "deactivate") return unwrap(await api.POST("/v1/members/{user_id}/deactivate", path));
      return unwrap(await api.POST("/v1/members/{user_id}/reactivate", path));
    },
    onSuccess: () => onDone(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["members"] }),
  });
  if (!pending) return null;
  const words = ACTION_WORDS[pending.action];
  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) {
          act.reset();
          onDone();
        }
      }}
      title={`${words.title} ${pending.member.name || pending.member.email}?`}
      description={words.text}
    >
      {act.isError ? <p role="alert" className="mb-3 text-sm text-red-700">{describe(act.error)}</p> : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Keep as is
        </Button>
        <Button variant={pending.action === "reactivate" ? "primary" : "danger"} disabled={act.isPending} onClick={() => act.mutate(pending)}>
          {words.title}
        </Button>
      </div>
    </Dialog>
  );
}

function Roles() {
  const roles = useQuery({
    queryKey: ["members", "roles"],
    queryFn: async () => unwrap(await api.GET("/v1/roles")),
    staleTime: 5 * 60_000,
  });
  return (
    <QueryState query={roles}>
      {(page) => (
        <div className="grid gap-4 md:grid-cols-3">
          {page.items.map((role) => (
            <div key={role.name}>
              <h3 className="font-semibold capitalize text-slate-900">{role.name}</h3>
              <p className="mb-2 text-sm text-slate-700">{role.description}</p>
              <ul className="flex flex-col gap-0.5 text-xs text-slate-700">
                {role.permissions.map((permission) => (
                  <li key={permission.name}>
                    <code className="font-mono text-slate-900">{permission.name}</code> — {permission.description}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </QueryState>
  );
}

export default function MembersPage() {
  const { can, me } = useSession();
  const manager = can("members:manage");
  const [pending, setPending] = useState<Pending | null>(null);
  const members = useQuery({
    queryKey: ["members"],
    queryFn: async () => unwrap(await api.GET("/v1/members", { params: { query: { limit: 200 } } })),
  });
  return (
    <>
      <PageHeader title="Members" description="Who works in this workspace, and what their role lets them do." />
      {!manager ? <p className="mb-4 text-sm text-slate-700">Only admins invite people and change roles; you can see who is here.</p> : null}
      <div className="flex flex-col gap-6">
        <Card>
          <CardTitle className="mb-3">People</CardTitle>
          <QueryState query={members} empty={(page) => (page.items.length === 0 ? <Empty title="No members." /> : null)}>
            {(page) => (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">Members of the workspace</caption>
                  <thead className="text-slate-700">
                    <tr>
                      <th scope="col" className="py-2 pr-4 font-medium">Person</th>
                      <th scope="col" className="py-2 pr-4 font-medium">Role</th>
                      <th scope="col" className="py-2 pr-4 font-medium">Status</th>
                      <th scope="col" className="py-2 pr-4 font-medium">Joined</th>
                      {manager ? <th scope="col" className="py-2 font-medium">Actions</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((member) => {
                      const self = member.user_id === me.user.id;
                      return (
                        <tr key={member.user_id} className="border-t border-slate-200 align-top">
                          <td className="py-2 pr-4">
                            <div className="font-medium text-slate-900">{member.name || member.email}{self ? " (you)" : ""}</div>
                            {member.name ? <div className="text-xs text-slate-600">{member.email}</div> : null}
                          </td>
                          <td className="py-2 pr-4">
                            {manager ? <RoleForm key={member.role} member={member} /> : <span className="capitalize">{member.role}</span>}
                          </td>
                          <td className="py-2 pr-4">
                            <StateBadge state={member.is_active ? "active" : "deactivated"} />
                          </td>
                          <td className="py-2 pr-4 text-slate-700">{timeAgo(member.joined_at)}</td>
                          {manager ? (
                            <td className="py-2">
                              <div className="flex flex-wrap gap-1">
                                {member.is_active ? (
                                  <Button size="sm" variant="ghost" className="disabled:opacity-50" disabled={self} title={self ? "You cannot deactivate yourself" : undefined} onClick={() => setPending({ member, action: "deactivate" })}>
                                    Deactivate<span className="sr-only"> {member.email}</span>
                                  </Button>
                                ) : (
                                  <Button size="sm" variant="secondary" onClick={() => setPending({ member, action: "reactivate" })}>
                                    Reactivate<span className="sr-only"> {member.email}</span>
                                  </Button>
                                )}
                                <Button size="sm" variant="ghost" onClick={() => setPending({ member, action: "remove" })}>
                                  Remove<span className="sr-only"> {member.email}</span>
                                </Button>
                              </div>
                            </td>
                          ) : null}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </QueryState>
        </Card>
        {manager ? (
          <>
            <Card>
              <CardTitle className="mb-3">Invite someone</CardTitle>
              <InviteForm />
            </Card>
            <Card>
              <CardTitle className="mb-3">Pending invitations</CardTitle>
              <Invitations />
            </Card>
          </>
        ) : null}
        <Card>
          <CardTitle className="mb-3">Roles and what they permit</CardTitle>
          <Roles />
        </Card>
      </div>
      <MemberActions pending={pending} onDone={() => setPending(null)} />
    </>
  );
}
