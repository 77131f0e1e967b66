// The workspace's connected accounts, shared by the pages that name or pick accounts. Kept apart
// from the publish dialog so that those pages do not load the dialog's form code.
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";

export function useConnectedAccounts(enabled = true) {
  return useQuery({
    queryKey: ["accounts", { limit: 200 }],
    queryFn: async () => unwrap(await api.GET("/v1/accounts", { params: { query: { limit: 200 } } })),
    enabled,
  });
}
