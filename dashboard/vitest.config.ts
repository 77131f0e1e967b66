import path from "node:path";
import { defineConfig } from "vitest/config";

// Component tests: jsdom, no server.
export default defineConfig({
  resolve: {
    alias: {
      "@stakazo/api-client": path.resolve(import.meta.dirname, "../api-clients/typescript/src/index.ts"),
      "@": import.meta.dirname,
    },
  },
  test: {
    environment: "jsdom",
    include: ["**/*.test.{ts,tsx}"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", "out/**"],
    setupFiles: ["./test/setup.ts"],
  },
});
