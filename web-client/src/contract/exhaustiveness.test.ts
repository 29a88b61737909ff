import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  WEB_CLIENT_DIR,
  formatDiagnostics,
  typeCheck,
} from "../../test-support/typescript-program";
import type { TypeDiagnostic } from "../../test-support/typescript-program";

// The fixtures switch over SessionEvent as the hooks do, and are compiled here with the app's
// compiler options: proof that a missing `case` is a compile error, not a runtime surprise.
// Type-checking with the compiler API takes a few seconds on a small machine.
const TYPECHECK_TIMEOUT_MS = 60_000;

const fixtures = path.join(WEB_CLIENT_DIR, "test-fixtures", "exhaustiveness");
const complete = path.join(fixtures, "complete.ts");
const missingCase = path.join(fixtures, "missing-case.ts");

describe("a switch over SessionEvent", () => {
  let diagnostics: Map<string, TypeDiagnostic[]>;

  beforeAll(() => {
    diagnostics = typeCheck([complete, missingCase]);
  }, TYPECHECK_TIMEOUT_MS);

  it("compiles when it has a case for every event type", () => {
    const found = diagnostics.get(complete) ?? [];
    expect(found, formatDiagnostics(found)).toEqual([]);
  });

  it("fails to compile when a case is missing, naming the unhandled event", () => {
    const found = diagnostics.get(missingCase) ?? [];
    expect(found, formatDiagnostics(found)).toHaveLength(1);
    expect(found[0]).toMatchObject({
      code: 2322,
      message: "Type 'StreamOutputEvent' is not assignable to type 'never'.",
      file: path.join("test-fixtures", "exhaustiveness", "missing-case.ts"),
    });
  });
});
