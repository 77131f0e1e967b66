import type { Schemas } from "@stakazo/api-client";

type Account = Schemas["AccountOut"];
type Words = { tone: "ok" | "wait" | "bad"; text: string };

/** The platform's push notices of new posts (YouTube's upload notices); null where none come this way. */
export function noticeWords(account: Account): Words | null {
  const notices = account.notifications;
  if (!notices) return null;
  if (notices.state === "dead") {
    const why = notices.error ? `: ${notices.error}` : "";
    return { tone: "bad", text: `Upload notices could not be switched on${why}. Retry them from the outbox.` };
  }
  if (notices.confirmed_at) {
    return { tone: "ok", text: "Upload notices are on: the platform tells Stakazo when a post goes live." };
  }
  return { tone: "wait", text: "Upload notices are being switched on; posts published before then are checked by polling." };
}

const COLORS: Record<Words["tone"], string> = { ok: "text-slate-700", wait: "text-amber-800", bad: "text-red-700" };

export function Notices({ account }: { account: Account }) {
  const words = noticeWords(account);
  if (!words) return null;
  return <p className={`text-sm ${COLORS[words.tone]}`}>{words.text}</p>;
}
