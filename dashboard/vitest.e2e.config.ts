import { defineConfig } from "vitest/config";

// The browser suite: Debian's Chromium driven by playwright-core against a real `stakazo run`.
// One file at a time: each starts its own Stakazo, and the machine has two cores.
export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.ts"],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 180_000,
  },
});
