// The example of README.md, type-checked by `make lint` (tsc --noEmit): keep the two the same.
import { bearer, createStakazoClient, tusChunk, TUS_VERSION, type Schemas } from "@stakazo/api-client";

const baseUrl = "http://127.0.0.1:8000";

// 1. Sign in: programs use a bearer token (browsers use cookie sessions, see docs/api.md).
let token: string | undefined;
const api = createStakazoClient({ baseUrl });
api.use(bearer(() => token));

export async function signIn(email: string, password: string): Promise<string> {
  const { data, error } = await api.POST("/v1/auth/login", { body: { email, password } });
  if (error) throw new Error(`sign-in refused: ${error.detail}`);
  token = data.access_token;
  const workspaces = await api.GET("/v1/workspaces");
  if (!workspaces.data?.items.length) throw new Error("no workspace");
  return workspaces.data.items[0].id;
}

// 2. List every asset, page by page: pass `next_cursor` back until it is empty.
export async function allAssets(workspaceId: string): Promise<Schemas["AssetOut"][]> {
  const assets: Schemas["AssetOut"][] = [];
  let cursor: string | null | undefined;
  do {
    const { data, error } = await api.GET("/v1/assets", {
      params: { query: { limit: 100, cursor }, header: { "x-workspace-id": workspaceId } },
    });
    if (error) throw new Error(error.detail);
    assets.push(...data.items);
    cursor = data.next_cursor;
  } while (cursor);
  return assets;
}

// 3. A resumable upload (tus): create it, send chunks with PATCH, and after an interruption ask
//    with HEAD how many bytes the server has (`Upload-Offset`) and go on from there.
export async function startUpload(workspaceId: string, file: Blob, name: string): Promise<string> {
  const { data, error } = await api.POST("/v1/uploads/tus", {
    params: {
      header: {
        "Upload-Length": file.size,
        "Upload-Metadata": `filename ${btoa(name)}`,
        "Tus-Resumable": TUS_VERSION,
        "x-workspace-id": workspaceId,
      },
    },
  });
  if (error) throw new Error(error.detail);
  return data.id; // keep it (localStorage, a file) to resume later
}

export async function resumeUpload(
  workspaceId: string,
  uploadId: string,
  file: Blob,
  chunkBytes = 8 * 1024 * 1024,
): Promise<string> {
  const path = { upload_id: uploadId };
  const common = { "Tus-Resumable": TUS_VERSION, "x-workspace-id": workspaceId };
  const status = await api.HEAD("/v1/uploads/tus/{upload_id}", {
    params: { path, header: common },
  });
  if (!status.response.ok) throw new Error(`cannot resume: ${status.response.status}`);
  let offset = Number(status.response.headers.get("Upload-Offset"));
  let assetId = status.response.headers.get("Stakazo-Asset-Id");
  while (!assetId) {
    const chunk = file.slice(offset, offset + chunkBytes);
    const sent = await api.PATCH("/v1/uploads/tus/{upload_id}", {
      params: { path, header: { ...common, "Upload-Offset": offset } },
      ...tusChunk(chunk),
    });
    if (sent.error) throw new Error(sent.error.detail); // e.g. 409: resume again from HEAD
    offset = Number(sent.response.headers.get("Upload-Offset"));
    assetId = sent.response.headers.get("Stakazo-Asset-Id");
  }
  return assetId;
}
