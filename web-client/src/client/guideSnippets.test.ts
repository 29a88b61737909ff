/**
 * The TypeScript in docs/websockets.md compiles against the current contract and client: each
 * ```ts / ```tsx block, preceded by its `<!-- snippet-context ... -->` (the imports and the
 * declarations of the names the snippet takes as given), is type-checked with the app's compiler
 * options. A renamed event, field, hook or option fails this test, not a reader.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatDiagnostics,
  typeCheck,
  WEB_CLIENT_DIR,
} from "../../test-support/typescript-program";

const GUIDE = path.join(WEB_CLIENT_DIR, "..", "docs", "websockets.md");
const TYPECHECK_TIMEOUT_MS = 60_000;

/** Unused names are fine in a snippet: it shows a call, not a program that uses every value. */
const UNUSED = new Set([6133, 6138, 6192, 6196, 6198]);

interface Snippet {
  line: number;
  language: string;
  source: string;
}

function snippets(markdown: string): { checked: Snippet[]; unchecked: number[] } {
  const lines = markdown.split("\n");
  const checked: Snippet[] = [];
  const unchecked: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(tsx?)\s*$/.exec(lines[i]!);
    if (fence === null) {
      continue;
    }
    const end = lines.indexOf("```", i + 1);
    const code = lines.slice(i + 1, end).join("\n");
    const contextEnd = i - 1;
    if (lines[contextEnd] !== "-->") {
      unchecked.push(i + 1);
    } else {
      const start = lines.lastIndexOf("<!-- snippet-context", contextEnd);
      const context = lines.slice(start + 1, contextEnd).join("\n");
      checked.push({ line: i + 1, language: fence[1]!, source: `${context}\n${code}\n` });
    }
    i = end;
  }
  return { checked, unchecked };
}

describe("the guide's TypeScript", () => {
  const { checked, unchecked } = snippets(readFileSync(GUIDE, "utf8"));

  it("gives every ts/tsx block a snippet-context, so that none goes unchecked", () => {
    expect(unchecked, "blocks without <!-- snippet-context --> at these lines").toEqual([]);
    expect(checked.length).toBeGreaterThan(0);
  });

  it(
    "compiles against the current contract and client",
    () => {
      const files = Object.fromEntries(
        checked.map((snippet) => [
          path.join(WEB_CLIENT_DIR, "src", "__guide__", `line-${snippet.line}.${snippet.language}`),
          snippet.source,
        ]),
      );
      const diagnostics = typeCheck([], files);
      for (const [file, found] of diagnostics) {
        const errors = found.filter((diagnostic) => !UNUSED.has(diagnostic.code));
        expect(
          errors,
          `${path.basename(file)} of docs/websockets.md: ${formatDiagnostics(errors)}`,
        ).toEqual([]);
      }
    },
    TYPECHECK_TIMEOUT_MS,
  );
});
