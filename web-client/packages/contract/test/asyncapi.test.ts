import { readFileSync } from "node:fs";
import { Parser } from "@asyncapi/parser";
import { describe, expect, it } from "vitest";
import { CONTRACT } from "../src/contractInfo.js";
import { goldenVectors } from "../src/generated/golden-vectors.js";

// docs/asyncapi.yaml is generated from the contract's schema by the contract's build (and
// drift-checked there); here AsyncAPI's own parser reads it as any AsyncAPI tool would.
const document = readFileSync(new URL("../../../../docs/asyncapi.yaml", import.meta.url), "utf8");

/** Spectral's severities: 0 error, 1 warning, 2 information, 3 hint. */
const isError = (severity: number) => severity === 0;

describe("docs/asyncapi.yaml", () => {
  it("parses with @asyncapi/parser without an error diagnostic", async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(document);
    expect(diagnostics.filter((diagnostic) => isError(diagnostic.severity))).toEqual([]);
    expect(parsed).toBeDefined();
    expect(parsed!.info().version()).toBe(CONTRACT.version);
    expect(parsed!.info().extensions().get("x-contract-hash")?.value()).toBe(CONTRACT.hash);
  });

  it("has one message per event and command type", async () => {
    const { document: parsed } = await new Parser().parse(document);
    const names = parsed!
      .components()
      .messages()
      .all()
      .map((message) => message.id())
      .sort();
    const expected = Object.entries(goldenVectors)
      .flatMap(([family, frames]) => Object.keys(frames).map((type) => `${family}.${type}`))
      .sort();
    expect(names).toEqual(expected);
  });
});
