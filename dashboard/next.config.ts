import path from "node:path";
import type { NextConfig } from "next";

// A static export: the API serves these files from its own origin, so the dashboard needs no
// Node process at run time. Pages that show one record read its id from the query string
// (`/clips/detail?id=…`), because a static export cannot pre-render ids it does not know.
const config: NextConfig = {
  output: "export",
  trailingSlash: false,
  images: { unoptimized: true },
  reactStrictMode: true,
  // The generated API client lives beside the dashboard, in ../api-clients/typescript.
  turbopack: { root: path.join(import.meta.dirname, "..") },
  outputFileTracingRoot: path.join(import.meta.dirname, ".."),
};

export default config;
