import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONTRACT_VERSION } from "../src/constants.js";

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

const manifest = (pkg: string): Manifest =>
  JSON.parse(
    readFileSync(new URL(`../../${pkg}/package.json`, import.meta.url), "utf8"),
  ) as Manifest;

const contract = manifest("contract");
const client = manifest("client");
const major = (version: string) => Number(version.split(".")[0]);

// The packages are versioned from the protocol (CHANGELOG.md): a release that forgets to move
// the major with CONTRACT_VERSION, or the client with the contract, fails here.
describe("the packages' versions", () => {
  it("have the protocol version as their major", () => {
    expect(major(contract.version)).toBe(CONTRACT_VERSION);
    expect(major(client.version)).toBe(CONTRACT_VERSION);
  });

  it("move together, the client depending on its own contract", () => {
    expect(client.version).toBe(contract.version);
    expect(client.dependencies?.["@switchboard/contract"]).toBe(`^${contract.version}`);
  });

  it("have a changelog entry for the current version", () => {
    const changelog = readFileSync(new URL("../CHANGELOG.md", import.meta.url), "utf8");
    expect(changelog).toContain(`\n## ${contract.version}\n`);
  });
});
