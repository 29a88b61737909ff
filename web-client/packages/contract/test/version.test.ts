import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONTRACT } from "../src/contractInfo.js";

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
const majorMinor = (version: string) => version.split(".").slice(0, 2).join(".");

// The packages are versioned from the contract (CHANGELOG.md): a release that forgets to move
// them with the contract's MAJOR.MINOR, or the client with the contract, fails here.
describe("the packages' versions", () => {
  it("have the contract's MAJOR.MINOR as their own", () => {
    expect(majorMinor(contract.version)).toBe(CONTRACT.version);
    expect(majorMinor(client.version)).toBe(CONTRACT.version);
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
