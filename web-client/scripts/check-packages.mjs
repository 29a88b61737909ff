/**
 * Checks the packed tarballs in `target/npm/` as a registry would serve them: publint (package.json
 * fields, exports, files) and Are the Types Wrong (types resolve for every entry point under
 * Node16 and bundler resolution; the packages are ESM-only, hence the esm-only profile). Fails on
 * any finding. Run after `npm run pack:packages`.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const WEB_CLIENT = fileURLToPath(new URL("..", import.meta.url));
const NPM_DIR = join(WEB_CLIENT, "target", "npm");

const tarballs = readdirSync(NPM_DIR)
  .filter((file) => file.endsWith(".tgz"))
  .map((file) => join(NPM_DIR, file));
if (tarballs.length === 0) {
  throw new Error(`No tarballs in ${NPM_DIR}: run npm run build:packages && npm run pack:packages`);
}
const bin = (name) => join(WEB_CLIENT, "node_modules", ".bin", name);
for (const tarball of tarballs) {
  console.log(`publint ${tarball}`);
  execFileSync(bin("publint"), ["run", tarball, "--strict"], { stdio: "inherit" });
  console.log(`attw ${tarball}`);
  execFileSync(bin("attw"), [tarball, "--profile", "esm-only", "--no-color", "--format", "table"], {
    stdio: "inherit",
  });
}
console.log(`${tarballs.length} packages passed publint and attw.`);
