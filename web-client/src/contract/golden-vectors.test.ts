import path from "node:path";
import { describe, expect, it } from "vitest";
import { FAMILIES, VECTOR_FAMILY_NAMES } from "../../test-support/golden-vectors";
import type { Family } from "../../test-support/golden-vectors";
import {
  WEB_CLIENT_DIR,
  formatDiagnostics,
  typeCheck,
} from "../../test-support/typescript-program";
import { parseChannel, SessionEventTypes } from "@switchboard/contract";
import type {
  GlobalCommandType,
  GlobalEventType,
  ProjectEventType,
  SessionCommandType,
  SessionEventType,
  ShellCommandType,
  ShellEventType,
  GlobalCommandTypeName,
  GlobalEventTypeName,
  ProjectEventTypeName,
  SessionCommandTypeName,
  SessionEventTypeName,
  ShellCommandTypeName,
  ShellEventTypeName,
} from "@switchboard/contract";

// Compile-time: each union's type names are exactly its enum's values (the guards rely on it).
type SameNames<Union extends string, Enum extends string> = [
  Exclude<Union, `${Enum}`> | Exclude<`${Enum}`, Union>,
] extends [never]
  ? true
  : false;
const unionsMatchEnums: readonly true[] = [
  true satisfies SameNames<GlobalEventTypeName, GlobalEventType>,
  true satisfies SameNames<GlobalCommandTypeName, GlobalCommandType>,
  true satisfies SameNames<ProjectEventTypeName, ProjectEventType>,
  true satisfies SameNames<SessionEventTypeName, SessionEventType>,
  true satisfies SameNames<SessionCommandTypeName, SessionCommandType>,
  true satisfies SameNames<ShellEventTypeName, ShellEventType>,
  true satisfies SameNames<ShellCommandTypeName, ShellCommandType>,
];

// Type-checking with the compiler API takes a few seconds on a small machine.
const TYPECHECK_TIMEOUT_MS = 60_000;

const sorted = (values: Iterable<string>) => [...values].sort();

describe("golden vectors", () => {
  it("cover exactly the families the client knows", () => {
    expect(sorted(VECTOR_FAMILY_NAMES)).toEqual(sorted(FAMILIES.map((f) => f.name)));
    expect(unionsMatchEnums).toHaveLength(FAMILIES.length);
  });

  describe.each(FAMILIES.map((f) => [f.name, f] as const))("%s", (_, family) => {
    it("has exactly one vector per generated type name, and no other", () => {
      expect(sorted(Object.keys(family.vectors))).toEqual(sorted(family.typeNames));
      expect(new Set(family.typeNames).size).toBe(family.typeNames.length);
    });

    it.each(family.typeNames.map((name) => [name]))("%s is a frame of that type", (name) => {
      const frame = family.vectors[name] as { type: unknown; channel: unknown };
      expect(frame.type).toBe(name);
      expect(typeof frame.channel === "string" && parseChannel(frame.channel)?.kind).toBe(
        family.kind,
      );
      expect(family.guard(frame)).toBe(true);
    });
  });

  it(
    "type-check against the generated unions, field by field",
    () => {
      const file = virtualFile("golden-vectors");
      const diagnostics = typeCheck([], { [file]: typedVectorsSource(FAMILIES) });
      const found = diagnostics.get(file) ?? [];
      expect(found, formatDiagnostics(found)).toEqual([]);
    },
    TYPECHECK_TIMEOUT_MS,
  );

  it(
    "would fail to type-check a vector that drifted from the contract",
    () => {
      const session = FAMILIES.find((f) => f.name === "SessionEvent");
      if (session === undefined) {
        throw new Error("the golden vectors has no SessionEvent family");
      }
      const vector = session.vectors[SessionEventTypes.STREAM_OUTPUT] as { data: object };
      const drift = (change: object) => ({ ...session, vectors: { drifted: change } });
      const drifted: Family[] = [
        drift({ ...vector, data: { ...vector.data, bogus: 1 } }),
        drift({ ...vector, data: { ...vector.data, seq: "0" } }),
        drift({ ...vector, data: { ...vector.data, stream: "stdnone" } }),
        drift({ ...vector, type: "no_such_type" }),
      ];
      const files = drifted.map((_, i) => virtualFile(`drifted-${i}`));
      const diagnostics = typeCheck(
        [],
        Object.fromEntries(files.map((file, i) => [file, typedVectorsSource([drifted[i]!])])),
      );
      for (const file of files) {
        expect(diagnostics.get(file)?.length, file).toBe(1);
      }
    },
    TYPECHECK_TIMEOUT_MS,
  );
});

function virtualFile(name: string): string {
  return path.join(WEB_CLIENT_DIR, "src", "contract", `__${name}.typecheck.ts`);
}

// A TypeScript module that assigns each vector, as an object literal, to its family's frame type.
// Object literals get excess-property checks, so a field the TypeScript side lacks fails too.
// `Wire<T>` turns the generated enums into their string values, as JSON carries them.
function typedVectorsSource(families: readonly Family[]): string {
  const names = [...new Set(families.map((f) => f.name))];
  const lines = [
    `import type { Frame, ${names.join(", ")} } from "@switchboard/contract";`,
    "type Wire<T> = T extends string ? `${T}` : T extends number | boolean | null | undefined",
    "  ? T : { [K in keyof T]: Wire<T[K]> };",
  ];
  families.forEach((family, f) => {
    Object.entries(family.vectors).forEach(([typeName, frame], v) => {
      lines.push(`// ${family.name} ${typeName}`);
      lines.push(
        `export const v${f}_${v}: Wire<Frame<${family.name}>> = ${JSON.stringify(frame)};`,
      );
    });
  });
  return lines.join("\n") + "\n";
}
