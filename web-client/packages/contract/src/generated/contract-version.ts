// Written from the Java contract by GeneratedArtifactsTest: do not edit.
// Regenerate with ./mvnw -pl contract test -Dcontract.update

/** The contract these types were generated from: its version and schema hash. */
export const contractVersion = {
  version: "2.0",
  hash: "86dd314f0604adb3",
} as const;
