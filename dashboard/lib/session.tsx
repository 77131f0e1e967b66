"use client";

// Who is signed in, in which workspace, with which permissions. Pages ask `can("clips:write")`
// to hide or disable what the role may not do; the API still refuses, and pages handle that too.
import type { Schemas } from "@stakazo/api-client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, onSignedOut, setWorkspaceId } from "@/lib/api";
import { ErrorState } from "@/components/ui/states";
import { ApiProblem, unwrap } from "@/lib/errors";

const WORKSPACE_KEY = "stakazo.workspace";

export type Session = {
  me: Schemas["Me"];
  workspace: Schemas["WorkspaceRole"];
  can: (permission: string) => boolean;
  switchWorkspace: (workspaceId: string) => void;
  signOut: () => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession is used outside a signed-in page");
  return session;
}

export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async () => unwrap(await api.GET("/v1/auth/me")),
    retry: false,
  });
}

function chosenWorkspace(me: Schemas["Me"]): Schemas["WorkspaceRole"] | undefined {
  const stored = typeof window === "undefined" ? null : window.localStorage.getItem(WORKSPACE_KEY);
  return me.workspaces.find((w) => w.workspace_id === stored) ?? me.workspaces[0];
}

/** Signed-in pages render inside this; anyone else is sent to the sign-in page. */
export function SessionProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const me = useMe();
  const [workspaceId, setChosen] = useState<string | null>(null);

  const signedOut = me.error instanceof ApiProblem && me.error.status === 401;
  useEffect(() => {
    if (signedOut) router.replace(`/signin?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }, [signedOut, router]);
  useEffect(() => onSignedOut(() => router.replace("/signin")), [router]);

  const workspace = me.data
    ? (me.data.workspaces.find((w) => w.workspace_id === workspaceId) ?? chosenWorkspace(me.data))
    : undefined;
  if (workspace) setWorkspaceId(workspace.workspace_id);

  const switchWorkspace = useCallback(
    (id: string) => {
      window.localStorage.setItem(WORKSPACE_KEY, id);
      setWorkspaceId(id);
      setChosen(id);
      // Everything cached belongs to the old workspace.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== "me" });
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    await api.DELETE("/v1/auth/session");
    queryClient.clear();
    router.replace("/signin");
  }, [queryClient, router]);

  const value = useMemo<Session | null>(() => {
    if (!me.data || !workspace) return null;
    const permissions = new Set(workspace.permissions);
    return { me: me.data, workspace, can: (p) => permissions.has(p), switchWorkspace, signOut };
  }, [me.data, workspace, switchWorkspace, signOut]);

  if (me.isError && !signedOut) return <ErrorState error={me.error} retry={() => void me.refetch()} />;
  if (!value) return <>{fallback}</>;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
