import Link from "next/link";
import type { ReactNode } from "react";

/** The signed-out pages' frame: what Stakazo is, beside the one form of the page. */
export function AuthFrame({ title, intro, children, footer }: { title: string; intro: string; children: ReactNode; footer: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-slate-50 lg:flex-row">
      <aside className="flex flex-col justify-between gap-8 bg-slate-900 px-8 py-10 text-slate-100 lg:w-[26rem] lg:px-12 lg:py-14">
        <Link href="/" className="text-xl font-bold tracking-tight text-white">
          Stakazo
        </Link>
        <div className="hidden lg:block">
          <p className="text-2xl font-semibold leading-snug text-white">Long videos in, short clips out.</p>
          <p className="mt-3 text-sm leading-relaxed text-slate-300">
            Upload a talk, an interview or a stream. Stakazo finds the moments worth sharing, renders them for Reels,
            TikTok and Shorts, and publishes them once you approve.
          </p>
        </div>
        <p className="hidden text-xs text-slate-400 lg:block">Every step is recorded in your workspace&apos;s ledger.</p>
      </aside>
      <main id="main" className="flex flex-1 items-center justify-center px-4 py-10">
        <div className="w-full max-w-sm">
          <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
          <p className="mt-1 text-sm text-slate-600">{intro}</p>
          <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
          <div className="mt-4 text-center text-sm text-slate-600">{footer}</div>
        </div>
      </main>
    </div>
  );
}

/** A problem with the whole form, announced to screen readers. */
export function FormProblem({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      {children}
    </div>
  );
}
