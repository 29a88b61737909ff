import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateValidators } from "../scripts/generate-validators.mjs";
import { goldenVectors } from "../src/generated/golden-vectors.js";
import { validateServerFrame } from "../src/validation.js";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

describe("the generated validators", () => {
  it("match the committed schema (else: npm run generate:validators --workspace @switchboard/contract)", () => {
    const schema: unknown = JSON.parse(read("../src/generated/contract.schema.json"));
    expect(read("../src/generated/validators.ts")).toBe(generateValidators(schema));
  });

  it("accept every golden event, as the server writes it", () => {
    for (const family of ["GlobalEvent", "ProjectEvent", "SessionEvent", "ShellEvent"] as const) {
      for (const frame of Object.values(goldenVectors[family])) {
        expect(validateServerFrame(frame), JSON.stringify(frame)).toMatchObject({ ok: true });
      }
    }
  });

  it("accept a field they do not know (a newer, compatible server)", () => {
    const frame = { ...goldenVectors.SessionEvent.stream_output, extra: 1 };
    expect(validateServerFrame(frame).ok).toBe(true);
  });
});

describe("validateServerFrame", () => {
  const output = goldenVectors.SessionEvent.stream_output;

  it("names a missing field", () => {
    const { chunk: _chunk, ...data } = output.data;
    expect(validateServerFrame({ ...output, data })).toEqual({
      ok: false,
      problem:
        '"stream_output" on "session:s-42" is not a valid SessionEvent: data must have required property \'chunk\'',
    });
  });

  it("names a field of the wrong type", () => {
    const frame = { ...output, data: { ...output.data, seq: "3" } };
    expect(validateServerFrame(frame)).toMatchObject({
      ok: false,
      problem: expect.stringContaining("data.seq must be integer") as string,
    });
  });

  it("refuses an event type its channel family does not have", () => {
    expect(validateServerFrame({ ...output, channel: "project:p-1" })).toMatchObject({
      ok: false,
      problem: expect.stringContaining("is not a valid ProjectEvent") as string,
    });
    expect(validateServerFrame({ ...output, type: "stream_outputs" })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"type" is not one of its types') as string,
    });
  });

  it("refuses what is not a frame of a known channel", () => {
    expect(validateServerFrame("text").ok).toBe(false);
    expect(validateServerFrame({ ...output, channel: "room:1" })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"room:1" is not a channel: ') as string,
    });
  });
});
