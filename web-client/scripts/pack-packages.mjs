/**
 * Packs each workspace package (`npm pack`) into `target/npm/`, the tarballs `./mvnw package`
 * leaves for publishing and for the consumer example, which installs them as another repository
 * would. Run after `npm run build:packages`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const WEB_CLIENT = fileURLToPath(new URL("..", import.meta.url));
export const PACKAGES = ["packages/contract", "packages/client"];
export const NPM_DIR = join(WEB_CLIENT, "target", "npm");

rmSync(NPM_DIR, { recursive: true, force: true });
mkdirSync(NPM_DIR, { recursive: true });
for (const pkg of PACKAGES) {
  execFileSync("npm", ["pack", "--workspace", pkg, "--pack-destination", NPM_DIR], {
    cwd: WEB_CLIENT,
    stdio: ["ignore", "inherit", "inherit"],
  });
}
const tarballs = readdirSync(NPM_DIR).filter((file) => file.endsWith(".tgz"));
if (tarballs.length !== PACKAGES.length) {
  throw new Error(`Expected ${PACKAGES.length} tarballs in ${NPM_DIR}, found: ${tarballs}`);
}
console.log(`Packed into ${NPM_DIR}: ${tarballs.join(", ")}`);
