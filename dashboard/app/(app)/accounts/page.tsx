"use client";

// Connected accounts per platform: status, token state, what is left of the posting allowance,
// and connecting through the platform's consent page (the sandbox's in the embedded default).
import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { StateBadge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/states";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";
import { timeAgo } from "@/lib/utils";
import { Notices } from "./notices";
import { AccountQuota, handle, platformName } from "./quota";

type Account = Schemas["AccountOut"];
type Platform = Account["platform"];

const PLATFORMS: Platform[] = ["instagram", "tiktok", "youtube"];
// Set before the browser leaves for the consent page, read when the callback sends it back here.
const CONNECTING_KEY = "stakazo.connecting";

type Notice = { tone: "good" | "bad"; text: string };

function tokenWords(account: Account, now = Date.now()): string {
  if (account.status === "disconnected") return "No token: the account was disconnected.";
  if (account.status === "needs_reauth") return "The platform no longer accepts our token: connect the account again.";
  if (!account.access_expires_at) return "Access token does not expire.";
  const expires = new Date(account.access_expires_at).getTime();
  return expires > now
    ? `Access token expires ${timeAgo(account.access_expires_at, now)}; it is renewed before that.`
    : `Access token expired ${timeAgo(account.access_expires_at, now)}; it is renewed before the next post.`;
}

/** What became of the connection the browser left for, once it is back on this page. */
function connectionResult(accounts: Account[]): Notice | null {
  const raw = window.sessionStorage.getItem(CONNECTING_KEY);
  if (!raw) return null;
  window.sessionStorage.removeItem(CONNECTING_KEY);
  try {
    const { platform, at } = JSON.parse(raw) as { platform: Platform; at: string };
    const since = new Date(at).getTime() - 5_000;
    const done = accounts.find(
      (a) => a.platform === platform && a.status === "connected" && new Date(a.updated_at).getTime() >= since,
    );
    if (done) {
      return {
        tone: "good",
        text: `${platformName(platform)}${done.sandbox ? " (sandbox)" : ""} account ${handle(done.username)} is connected.`,
      };
    }
    return {
      tone: "bad",
      text: `The ${platformName(platform)} account was not connected: access was not granted, or the sign-in was abandoned. Try connecting again.`,
    };
  } catch {
    return null;
  }
}

function AccountRow({ account, notify }: { account: Account; notify: (notice: Notice) => void }) {
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const connector = can("accounts:connect");
  const refresh = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST("/v1/accounts/{account_id}/refresh", { params: { path: { account_id: account.id } } })),
    onSuccess: (fresh) => notify({ tone: "good", text: `${handle(fresh.username)}: the token was renewed.` }),
    onError: (error) => notify({ tone: "bad", text: `${handle(account.username)}: ${describe(error)}` }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["accounts"] }),
  });
  const disconnect = useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE("/v1/accounts/{account_id}", { params: { path: { account_id: account.id } } })),
    onSuccess: () => {
      setConfirming(false);
      notify({ tone: "good", text: `${handle(account.username)} is disconnected.` });
    },
    onError: (error) => notify({ tone: "bad", text: `${handle(account.username)}: ${describe(error)}` }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["accounts"] }),
  });

  return (
    <li className="flex flex-col gap-3 border-t border-slate-200 pt-3 first:border-t-0 first:pt-0" aria-label={`${handle(account.username)}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900">{handle(account.username)}</span>
        {account.display_name ? <span className="text-sm text-slate-600">{account.display_name}</span> : null}
        <StateBadge state={account.status} />
        {account.sandbox ? (
          <span className="rounded-full bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-900">sandbox</span>
        ) : null}
      </div>
      <p className="text-sm text-slate-700">{tokenWords(account)}</p>
      <Notices account={account} />
      {account.last_error ? (
        <p className="text-sm text-red-700">
          <span className="font-medium">Last problem:</span> {account.last_error}
        </p>
      ) : null}
      <AccountQuota account={account} />
      {connector ? (
        <div className="flex flex-wrap gap-2">
          {account.status === "connected" ? (
            <Button variant="secondary" size="sm" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
              {refresh.isPending ? "Renewing…" : `Renew token of ${handle(account.username)}`}
            </Button>
          ) : null}
          {account.status !== "disconnected" ? (
            <Button variant="ghost" size="sm" onClick={() => setConfirming(true)}>
              Disconnect {handle(account.username)}
            </Button>
          ) : null}
        </div>
      ) : null}
      <Dialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Disconnect ${handle(account.username)}?`}
        description={`Stakazo gives up its access on ${platformName(account.platform)} and deletes the tokens. Past publications stay. Publishing to it needs connecting again.`}
      >
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
          <Button variant="danger" disabled={disconnect.isPending} onClick={() => disconnect.mutate()}>
            {disconnect.isPending ? "Disconnecting…" : "Disconnect"}
          </Button>
        </div>
      </Dialog>
    </li>
  );
}

function PlatformCard({
  platform,
  accounts,
  notify,
}: {
  platform: Platform;
  accounts: Account[];
  notify: (notice: Notice) => void;
}) {
  const { can } = useSession();
  const connector = can("accounts:connect");
  const connect = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/v1/accounts/connect/{platform}", {
          params: { path: { platform } },
          body: { return_to: "/accounts" },
        }),
      ),
    onSuccess: (start) => {
      window.sessionStorage.setItem(CONNECTING_KEY, JSON.stringify({ platform, at: new Date().toISOString() }));
      window.location.assign(start.authorize_url);
    },
    onError: (error) => notify({ tone: "bad", text: `${platformName(platform)}: ${describe(error)}` }),
  });
  const name = platformName(platform);
  const reconnect = accounts.some((a) => a.status !== "connected");
  return (
    <Card className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle>{name}</CardTitle>
        <Button
          size="sm"
          disabled={!connector || connect.isPending}
          title={connector ? undefined : "Your role cannot connect accounts"}
          onClick={() => connect.mutate()}
        >
          {connect.isPending ? "Opening…" : reconnect ? `Reconnect ${name}` : accounts.length ? `Connect another ${name} account` : `Connect ${name}`}
        </Button>
      </div>
      {accounts.length === 0 ? (
        <p className="text-sm text-slate-600">No {name} account connected yet.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {accounts.map((account) => (
            <AccountRow key={account.id} account={account} notify={notify} />
          ))}
        </ul>
      )}
    </Card>
  );
}

export default function AccountsPage() {
  const { can } = useSession();
  const [notice, setNotice] = useState<Notice | null>(null);
  const accounts = useQuery({
    queryKey: ["accounts"],
    queryFn: async () => unwrap(await api.GET("/v1/accounts", { params: { query: { limit: 200 } } })),
  });

  useEffect(() => {
    if (accounts.data) {
      const result = connectionResult(accounts.data.items);
      // Shown once, when the consent page sent the browser back here.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      if (result) setNotice(result);
    }
  }, [accounts.data]);

  return (
    <>
      <PageHeader
        title="Accounts"
        description="The Instagram, TikTok and YouTube accounts this workspace publishes to."
      />
      {!can("accounts:connect") ? (
        <p className="mb-4 text-sm text-slate-700">Your role can see the accounts; only admins connect or disconnect them.</p>
      ) : null}
      <div role="status" aria-live="polite">
        {notice ? (
          <p
            className={
              notice.tone === "good"
                ? "mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900"
                : "mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
            }
          >
            {notice.text}
          </p>
        ) : null}
      </div>
      <QueryState query={accounts}>
        {(page) => (
          <div className="grid gap-4 lg:grid-cols-3">
            {PLATFORMS.map((platform) => (
              <PlatformCard
                key={platform}
                platform={platform}
                accounts={page.items.filter((a) => a.platform === platform)}
                notify={setNotice}
              />
            ))}
          </div>
        )}
      </QueryState>
    </>
  );
}
