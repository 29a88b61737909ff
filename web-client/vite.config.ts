import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The Micronaut server in development (./mvnw -pl server mn:run or the jar).
const serverUrl = process.env.SWITCHBOARD_DEV_SERVER ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: {
    proxy: {
      "/api": { target: serverUrl },
      "/ws": { target: serverUrl, ws: true },
      "/health": { target: serverUrl },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // The dev tools' chunk has a fixed prefix: the server refuses to serve
        // /assets/devtools-*.js unless switchboard.ui.dev-tools is on (DevToolsAssetFilter).
        chunkFileNames: (chunk) =>
          chunk.name === "WebSocketDevTools"
            ? "assets/devtools-[hash].js"
            : "assets/[name]-[hash].js",
      },
    },
  },
  test: {
    include: ["src/**/*.test.{ts,tsx}", "packages/*/test/**/*.test.ts"],
    // Shared protocol code runs in Node; component tests opt into jsdom with
    // a `// @vitest-environment jsdom` comment at the top of the file.
    environment: "node",
  },
});
