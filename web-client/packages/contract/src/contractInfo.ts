/**
 * The contract this client was built from, and how it compares with a server's. The version and
 * hash come from `generated/contract-version.ts`, written by the contract's build from
 * `contract/compat/baseline.json` and the canonical schema; the server sends its own in
 * `connected.data.contract` and in the shell's `init`. The rules are in `docs/protocol.md`,
 * "Evolving the protocol".
 */
import { contractVersion } from "./generated/contract-version.js";
import type { ContractInfo } from "./types.js";

/** The contract this client was built from; frozen. */
export const CONTRACT: Readonly<ContractInfo> = Object.freeze({
  version: contractVersion.version,
  hash: contractVersion.hash,
});

/**
 * How a server's contract compares with the client's:
 * - `identical`: the same schema hash;
 * - `compatible`: the same major version and a server minor at least the client's, so the server
 *   may send frames this client does not know (they are dropped and shown in the dev tools);
 * - `incompatible`: another major version, a server older than the client needs, or a version
 *   that cannot be read; the client must stop sending and offer a reload.
 */
export type ContractVerdict =
  | { readonly kind: "identical"; readonly client: ContractInfo; readonly server: ContractInfo }
  | {
      readonly kind: "compatible";
      readonly client: ContractInfo;
      readonly server: ContractInfo;
      readonly detail: string;
    }
  | {
      readonly kind: "incompatible";
      readonly client: ContractInfo;
      readonly server: ContractInfo;
      readonly reason: string;
    };

const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

function parseVersion(version: unknown): { major: number; minor: number } | null {
  const match = typeof version === "string" ? VERSION.exec(version) : null;
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

/** Compares the server's contract with the client's (by default, the one this client was built from). */
export function compareContracts(
  server: ContractInfo,
  client: ContractInfo = CONTRACT,
): ContractVerdict {
  if (server.hash === client.hash && server.version === client.version) {
    return { kind: "identical", client, server };
  }
  const ours = parseVersion(client.version);
  const theirs = parseVersion(server.version);
  if (ours === null || theirs === null) {
    const bad = ours === null ? `this client's "${client.version}"` : `"${server.version}"`;
    return {
      kind: "incompatible",
      client,
      server,
      reason: `The server's contract version ${bad} is not MAJOR.MINOR.`,
    };
  }
  if (theirs.major !== ours.major) {
    return {
      kind: "incompatible",
      client,
      server,
      reason:
        theirs.major > ours.major
          ? `The server was updated to contract ${server.version}; this page speaks ${client.version}.`
          : `The server speaks contract ${server.version}, older than this page's ${client.version}.`,
    };
  }
  if (theirs.minor < ours.minor) {
    return {
      kind: "incompatible",
      client,
      server,
      reason: `The server speaks contract ${server.version}, older than this page's ${client.version}.`,
    };
  }
  return {
    kind: "compatible",
    client,
    server,
    detail:
      theirs.minor > ours.minor
        ? `The server speaks contract ${server.version}, newer than this page's ${client.version}: frames this page does not know are ignored.`
        : `The server's schema (${server.hash}) differs from this page's (${client.hash}) in compatible ways.`,
  };
}
