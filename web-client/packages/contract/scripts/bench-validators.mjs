/**
 * What validating a frame costs the client: parses N `stream_output` frames (as text, as they
 * arrive) with and without `validateServerFrame`, alternating rounds so both see the same machine,
 * and prints the cost per frame and the share of one core that 10,000 frames/s would take.
 * Run after `npm run build:packages`: `node packages/contract/scripts/bench-validators.mjs`.
 */
import { performance } from "node:perf_hooks";
import { validateServerFrame } from "../dist/validation.js";

const FRAMES = 200_000;
const ROUNDS = 5;
const frames = Array.from(
  { length: FRAMES },
  (_, i) =>
    `{"channel":"session:s-42","type":"stream_output","data":{"messageId":"m-1","seq":${i},"chunk":"line number ${i}\\n","stream":"stdout"},"offset":${i + 1}}`,
);

function run(validate) {
  let ok = 0;
  const start = performance.now();
  for (const text of frames) {
    const value = JSON.parse(text);
    if (!validate || validateServerFrame(value).ok) {
      ok += 1;
    }
  }
  if (ok !== FRAMES) {
    throw new Error(`only ${ok} of ${FRAMES} frames passed`);
  }
  return ((performance.now() - start) * 1000) / FRAMES; // µs per frame
}

run(true); // warm up both paths
run(false);
const without = [];
const withValidation = [];
for (let round = 0; round < ROUNDS; round += 1) {
  without.push(run(false));
  withValidation.push(run(true));
}
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const a = median(without);
const b = median(withValidation);
console.log(`frames per round        ${FRAMES} x ${ROUNDS} rounds, medians`);
console.log(`parse only              ${a.toFixed(2)} µs/frame`);
console.log(`parse + validate        ${b.toFixed(2)} µs/frame`);
console.log(
  `validation adds         ${(b - a).toFixed(2)} µs/frame (${((b / a - 1) * 100).toFixed(0)}%)`,
);
// µs per frame × 10,000 frames/s = µs per second; / 10,000 = percent of one core.
console.log(
  `at 10,000 frames/s      ${(b - a).toFixed(1)}% of one core for validation (${b.toFixed(1)}% in all)`,
);
