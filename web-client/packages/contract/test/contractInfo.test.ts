import { describe, expect, it } from "vitest";
import { CONTRACT, compareContracts } from "../src/contractInfo.js";

const client = { version: "2.1", hash: "aaaaaaaaaaaaaaaa" };

describe("compareContracts", () => {
  it("calls the same version and hash identical", () => {
    expect(compareContracts({ ...client }, client).kind).toBe("identical");
  });

  it("accepts a server with the same major and a newer minor, and says so", () => {
    const verdict = compareContracts({ version: "2.3", hash: "bbbbbbbbbbbbbbbb" }, client);
    expect(verdict).toMatchObject({ kind: "compatible" });
    expect(verdict.kind === "compatible" && verdict.detail).toContain("newer than this page's 2.1");
  });

  it("accepts the same version with a compatible schema change (another hash)", () => {
    const verdict = compareContracts({ version: "2.1", hash: "bbbbbbbbbbbbbbbb" }, client);
    expect(verdict.kind).toBe("compatible");
  });

  it("refuses another major, either way", () => {
    expect(compareContracts({ version: "3.0", hash: "c" }, client)).toMatchObject({
      kind: "incompatible",
      reason: "The server was updated to contract 3.0; this page speaks 2.1.",
    });
    expect(compareContracts({ version: "1.9", hash: "c" }, client).kind).toBe("incompatible");
  });

  it("refuses a server older than the client needs", () => {
    expect(compareContracts({ version: "2.0", hash: "c" }, client)).toMatchObject({
      kind: "incompatible",
      reason: "The server speaks contract 2.0, older than this page's 2.1.",
    });
  });

  it("refuses a version it cannot read, naming it", () => {
    expect(compareContracts({ version: "2", hash: "c" }, client)).toMatchObject({
      kind: "incompatible",
      reason: 'The server\'s contract version "2" is not MAJOR.MINOR.',
    });
  });

  it("was built from a MAJOR.MINOR version and a 16-digit hash", () => {
    expect(CONTRACT.version).toMatch(/^\d+\.\d+$/);
    expect(CONTRACT.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.isFrozen(CONTRACT)).toBe(true);
  });
});
