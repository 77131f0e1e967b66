"use client";

// Mounted once in the signed-in layout: one WebSocket per workspace, feeding the query cache
// (lib/events.ts), the overview's feed (useRecentEvents) and the shell's status (useConnectionStatus).
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { renewSession } from "@/lib/api";
import { addToFeed, applyEvent, EventStream, eventsUrl, type ConnectionStatus, type StreamEvent } from "@/lib/events";
import { useSession } from "@/lib/session";

type StreamState = { status: ConnectionStatus; recent: StreamEvent[] };

const StreamContext = createContext<StreamState>({ status: "connecting", recent: [] });

export function EventStreamProvider({ children }: { children: ReactNode }) {
  const { workspace } = useSession();
  // Another workspace: another stream, and its feed starts empty.
  return (
    <WorkspaceStream key={workspace.workspace_id} workspaceId={workspace.workspace_id}>
      {children}
    </WorkspaceStream>
  );
}

function WorkspaceStream({ workspaceId, children }: { workspaceId: string; children: ReactNode }) {
  const client = useQueryClient();
  const router = useRouter();
  const [state, setState] = useState<StreamState>({ status: "connecting", recent: [] });

  useEffect(() => {
    const stream = new EventStream({
      url: (last) => eventsUrl(window.location, workspaceId, last),
      onEvent: (event) => {
        applyEvent(client, event);
        setState((old) => ({ ...old, recent: addToFeed(old.recent, event) }));
      },
      // Events were missed: everything on screen is fetched again.
      onResync: () => void client.invalidateQueries(),
      onStatus: (status) => setState((old) => (old.status === status ? old : { ...old, status })),
      renew: renewSession,
      onRefused: (code) => {
        if (code === 4401) router.replace("/signin");
        else void client.invalidateQueries({ queryKey: ["me"] });
      },
    });
    stream.start();
    return () => stream.stop();
  }, [client, router, workspaceId]);

  return <StreamContext.Provider value={state}>{children}</StreamContext.Provider>;
}

/** The newest events of the workspace since the page opened, newest first. */
export function useRecentEvents(): StreamEvent[] {
  return useContext(StreamContext).recent;
}

export function useConnectionStatus(): ConnectionStatus {
  return useContext(StreamContext).status;
}
