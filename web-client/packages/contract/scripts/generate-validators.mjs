/**
 * Writes `src/generated/validators.ts`: a validator per event family (what the server sends),
 * compiled by Ajv from `src/generated/contract.schema.json` (the schema the contract's build
 * generates from the Java records) into standalone code. Nothing is compiled at run time, so
 * pages keep a Content-Security-Policy without `unsafe-eval`, and a frame costs one function call.
 *
 * Run: `npm run generate:validators --workspace @switchboard/contract` after the schema changes;
 * `test/validators.test.ts` fails while the committed file differs from what this writes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";

const SCHEMA = new URL("../src/generated/contract.schema.json", import.meta.url);
const OUTPUT = new URL("../src/generated/validators.ts", import.meta.url);

/** The module's text for a schema document. */
export function generateValidators(schema) {
  const ajv = new Ajv2020({
    code: { source: true, esm: true, lines: true },
    discriminator: true,
    strict: true,
    allErrors: false,
    // Formats (date-time, int64) are documentation here: the client checks types, not formats.
    validateFormats: false,
  });
  ajv.addVocabulary(["x-families"]);
  ajv.addSchema(schema, "contract");
  const families = Object.entries(schema["x-families"])
    .filter(([, family]) => family.direction === "event")
    .map(([name]) => name)
    .sort();
  const exports = Object.fromEntries(
    families.map((name) => [`validate${name}`, `contract#/$defs/${name}`]),
  );
  return [
    "// @ts-nocheck",
    "// Written by scripts/generate-validators.mjs from contract.schema.json: do not edit.",
    "// Regenerate with npm run generate:validators --workspace @switchboard/contract",
    "/* eslint-disable */",
    standaloneCode(ajv, exports),
    "",
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OUTPUT, generateValidators(JSON.parse(readFileSync(SCHEMA, "utf8"))));
}
