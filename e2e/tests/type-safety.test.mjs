/**
 * The compile-time half of the suite: a client that leaves a contract event unhandled must not
 * compile. This runs the web client's exhaustiveness fixture, which type-checks a switch missing
 * a case and expects the TypeScript error naming it.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const WEB_CLIENT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "web-client");

test("an unhandled contract event fails the client's type check", { timeout: 120_000 }, () => {
  const result = spawnSync(
    "npx",
    ["--no-install", "vitest", "run", "src/contract/exhaustiveness.test.ts"],
    { cwd: WEB_CLIENT, encoding: "utf8" },
  );
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /exhaustiveness\.test\.ts/);
});
