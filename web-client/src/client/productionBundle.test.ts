/**
 * Builds the production bundle (into a temporary directory) and checks what the first page load
 * downloads: the entry chunk and everything it imports statically must not contain the dev
 * tools, which only a dynamic import() may load.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** The panel's data-testid, a string only WebSocketDevTools.tsx contains. */
const DEV_TOOLS_MARKER = "switchboard-ws-devtools";
const ROOT = resolve(import.meta.dirname, "../..");

let outDir: string;
let manifest: Record<string, ManifestChunk>;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "switchboard-bundle-"));
  // Vitest runs with NODE_ENV=test, which would give React's development build; build exactly
  // what `npm run build` ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      root: ROOT,
      configFile: join(ROOT, "vite.config.ts"),
      mode: "production",
      logLevel: "error",
      build: { outDir, emptyOutDir: true, manifest: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  manifest = JSON.parse(readFileSync(join(outDir, ".vite/manifest.json"), "utf8")) as Record<
    string,
    ManifestChunk
  >;
}, 120_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

/** The entry chunk and every chunk it imports statically, transitively. */
function eagerChunks(): ManifestChunk[] {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  if (entry === undefined) {
    throw new Error("The build has no entry chunk.");
  }
  const seen = new Map<string, ManifestChunk>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (chunk === undefined || seen.has(key)) {
      return;
    }
    seen.set(key, chunk);
    chunk.imports?.forEach(visit);
  };
  visit(entry[0]);
  return [...seen.values()];
}

function source(chunk: ManifestChunk): string {
  return readFileSync(join(outDir, chunk.file), "utf8");
}

describe("the production bundle", () => {
  it("keeps the dev tools out of everything the first page load downloads", () => {
    const eager = eagerChunks();
    expect(eager.length).toBeGreaterThan(0);
    for (const chunk of eager) {
      // A boolean, so that a failure names the chunk instead of printing all of it.
      expect(source(chunk).includes(DEV_TOOLS_MARKER), `${chunk.file} has dev tools code`).toBe(
        false,
      );
    }
  });

  it("has the dev tools in a chunk of their own, named devtools-*, loaded by a dynamic import", () => {
    const devTools = Object.entries(manifest).filter(([key]) =>
      key.endsWith("components/WebSocketDevTools.tsx"),
    );
    expect(devTools).toHaveLength(1);
    const [key, chunk] = devTools[0]!;
    expect(source(chunk).includes(DEV_TOOLS_MARKER)).toBe(true);
    // The name the server's DevToolsAssetFilter refuses to serve while the dev tools are off.
    expect(chunk.file).toMatch(/^assets\/devtools-[\w-]+\.js$/);
    const entry = Object.values(manifest).find((c) => c.isEntry);
    expect(entry?.dynamicImports).toContain(key);
  });
});
