/**
 * Builds and tests this example as another repository would use the packages: copies it into a
 * scratch directory (`target/consumer/`), installs its own dependencies from its lockfile and
 * `@switchboard/contract` and `@switchboard/client` from the packed tarballs (never workspace
 * links), then
 *   1. compiles it with the README's example (strict, erasableSyntaxOnly, Node16 resolution, no
 *      DOM library);
 *   2. compiles fixtures/missing-case.ts and expects exactly one error, TS2322 on the `never`
 *      line, naming the unhandled StreamOutputEvent;
 *   3. runs the Node test against the server jar (`SWITCHBOARD_JAR`).
 * Usage: node run.mjs <tarball dir> <server jar> <scratch dir>
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const [npmDir, jar, scratch] = process.argv.slice(2).map((arg) => resolve(arg));
if (scratch === undefined) {
  throw new Error("Usage: node run.mjs <tarball dir> <server jar> <scratch dir>");
}

const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: scratch, stdio: "inherit", ...options });

// 0. A clean copy of the example.
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
for (const entry of [
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.fixture.json",
  "src",
  "test",
  "fixtures",
]) {
  cpSync(join(HERE, entry), join(scratch, entry), { recursive: true });
}
// The README's example for other repositories compiles with the rest, so it cannot rot.
const readme = readFileSync(join(HERE, "..", "..", "..", "README.md"), "utf8");
const section = readme.indexOf("## Using the protocol from another repository");
const example = /```ts\n([\s\S]*?)```/.exec(readme.slice(section))?.[1];
if (section < 0 || example === undefined) {
  throw new Error("README.md has no ts example under 'Using the protocol from another repository'");
}
writeFileSync(
  join(scratch, "src", "readme-example.ts"),
  `declare const token: string;\ndeclare const sessionId: string;\n${example}export {};\n`,
);

const tarballs = readdirSync(npmDir)
  .filter((file) => file.endsWith(".tgz"))
  .map((file) => join(npmDir, file));
if (tarballs.length !== 2) {
  throw new Error(`Expected the two package tarballs in ${npmDir}, found ${tarballs.length}`);
}
run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"]);
run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefer-offline", ...tarballs]);
for (const name of ["contract", "client"]) {
  const installed = join(scratch, "node_modules", "@switchboard", name);
  if (lstatSync(installed).isSymbolicLink() || !realpathSync(installed).startsWith(scratch)) {
    throw new Error(`${installed} is a link, not the installed tarball`);
  }
}
console.log(`Installed ${tarballs.map((t) => relative(npmDir, t)).join(", ")} into ${scratch}`);

// 1. The example compiles.
const tsc = join(scratch, "node_modules", ".bin", "tsc");
run(tsc, ["-p", "tsconfig.json"]);
console.log("The consumer compiles against the packed types.");

// 2. A switch missing a case does not.
const fixture = spawnSync(tsc, ["-p", "tsconfig.fixture.json", "--pretty", "false"], {
  cwd: scratch,
  encoding: "utf8",
});
const errors = fixture.stdout.split("\n").filter((line) => /error TS\d+/.test(line));
const expected =
  /^fixtures\/missing-case\.ts\(\d+,\d+\): error TS2322: Type '.*StreamOutputEvent.*' is not assignable to type 'never'\.$/;
if (fixture.status === 0 || errors.length !== 1 || !expected.test(errors[0])) {
  throw new Error(
    "fixtures/missing-case.ts must fail with exactly one TS2322 naming StreamOutputEvent; tsc " +
      `exited ${fixture.status} with:\n${fixture.stdout}${fixture.stderr}`,
  );
}
console.log(`The missing case fails as expected: ${errors[0]}`);

// 3. The client against the real server.
run("node", ["--test", "--test-reporter=spec", "dist/test/"], {
  env: { ...process.env, SWITCHBOARD_JAR: jar },
});
