"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useSession } from "@/lib/session";
import { cn } from "@/lib/utils";
import { ConnectionStatus } from "./connection-status";
import { NAV } from "./nav";

function WorkspaceSwitcher() {
  const { me, workspace, switchWorkspace } = useSession();
  return (
    <div className="flex flex-col gap-1 px-3">
      <label htmlFor="workspace" className="text-xs font-medium uppercase tracking-wide text-slate-400">
        Workspace
      </label>
      <select
        id="workspace"
        value={workspace.workspace_id}
        onChange={(event) => switchWorkspace(event.target.value)}
        className="h-9 rounded-md border border-slate-700 bg-slate-800 px-2 text-sm text-white"
      >
        {me.workspaces.map((w) => (
          <option key={w.workspace_id} value={w.workspace_id}>
            {w.workspace_name} ({w.role})
          </option>
        ))}
      </select>
    </div>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const { me, can, signOut } = useSession();
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-slate-900"
      >
        Skip to content
      </a>
      <aside className="flex shrink-0 flex-col gap-4 bg-slate-900 py-4 text-slate-100 md:sticky md:top-0 md:h-screen md:w-60 md:gap-6 md:overflow-y-auto md:py-5">
        <Link href="/" className="px-5 text-lg font-bold tracking-tight text-white">
          Stakazo
        </Link>
        <WorkspaceSwitcher />
        <nav aria-label="Main" className="flex gap-0.5 overflow-x-auto px-2 md:flex-1 md:flex-col">
          {NAV.filter((item) => can(item.permission)).map((item) => {
            const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex shrink-0 items-center gap-3 rounded-md px-3 py-2 text-sm",
                  active ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white",
                )}
              >
                <item.icon className="h-4 w-4" aria-hidden />
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-t border-slate-800 px-5 pt-3 text-sm md:flex-col md:flex-nowrap md:items-stretch md:pt-4">
          <ConnectionStatus />
          <span className="truncate text-slate-300" title={me.user.email}>
            {me.user.name || me.user.email}
          </span>
          <Button variant="ghost" size="sm" className="justify-start px-0 text-slate-300 hover:bg-transparent hover:text-white" onClick={() => void signOut()}>
            <LogOut className="h-4 w-4" aria-hidden /> Sign out
          </Button>
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 p-4 md:p-8">
        {children}
      </main>
    </div>
  );
}
