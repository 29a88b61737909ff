/**
 * The contract this client was built from: its `MAJOR.MINOR` version and the hash of its canonical
 * schema (`generated/contract-version.json`, written by the contract's build from
 * `contract/compat/baseline.json`). The server sends its own in `connected.data.contract` and in
 * the shell's `init`.
 */
import contractVersion from "./generated/contract-version.json";
import type { ContractInfo } from "./types";

/** The contract this client was built from; frozen. */
export const CONTRACT: Readonly<ContractInfo> = Object.freeze({
  version: contractVersion.version,
  hash: contractVersion.hash,
});
