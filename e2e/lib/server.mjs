/**
 * Starts the real server jar for one test: its own port, data directory, admin token and log
 * file, so tests never share state. `restart()` brings it back on the same port and data
 * directory, as an operator restarting the service would.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Where logs, screenshots and consoles of a run go (git-ignored). */
export const TARGET_DIR = join(E2E_DIR, "target");

/** The jar under test: `SWITCHBOARD_JAR`, else the one `./mvnw package` builds. */
export function serverJar() {
  const jar =
    process.env.SWITCHBOARD_JAR ?? join(E2E_DIR, "..", "server", "target", "switchboard.jar");
  if (!existsSync(jar)) {
    throw new Error(`No server jar at ${jar}: run ./mvnw -B -ntp -DskipTests package first`);
  }
  return jar;
}

/** A port free on loopback right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * Starts the jar and waits for /health. `env` adds configuration (e.g.
 * `SWITCHBOARD_WS_HEARTBEAT_INTERVAL`); the shell runs bash without profile files so that a
 * slow login profile on the machine cannot time a test out.
 */
export async function startServer(name, env = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "switchboard-e2e-"));
  const projectDir = mkdtempSync(join(tmpdir(), "switchboard-e2e-project-"));
  const token = `e2e_${randomBytes(24).toString("base64url")}`;
  const logDir = join(TARGET_DIR, "logs");
  mkdirSync(logDir, { recursive: true });
  const jar = serverJar();
  let starts = 0;
  let child = null;

  const server = {
    name,
    port,
    token,
    dataDir,
    projectDir,
    url: `http://127.0.0.1:${port}`,
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },

    async start() {
      starts += 1;
      const log = createWriteStream(join(logDir, `${name}${starts > 1 ? `-${starts}` : ""}.log`));
      child = spawn("java", ["-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar], {
        env: {
          ...process.env,
          MICRONAUT_SERVER_PORT: String(port),
          SWITCHBOARD_DATA_DIR: dataDir,
          SWITCHBOARD_TOKEN: token,
          SWITCHBOARD_SHELL_COMMAND: "/bin/bash,--noprofile,--norc",
          ...env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.pipe(log);
      child.stderr.pipe(log);
      await waitForHealth(server, child);
    },

    /** SIGKILL: the server gets no chance to say goodbye, like a crash or an OOM kill. */
    async kill() {
      await stopChild("SIGKILL");
    },

    /** SIGTERM and wait, as a service manager stops it. */
    async stop() {
      await stopChild("SIGTERM");
    },

    /** Authenticated REST call as the admin; throws on a non-2xx answer. */
    async api(method, path, body) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) {
        throw new Error(`${method} ${path} → ${response.status}: ${text}`);
      }
      return text === "" ? null : JSON.parse(text);
    },

    /** A project (in a fresh directory) with one session: what most tests start from. */
    async createSession(title = "e2e") {
      const project = await server.api("POST", "/api/projects", {
        name: name.slice(0, 60),
        path: projectDir,
      });
      const session = await server.api("POST", `/api/projects/${project.id}/sessions`, { title });
      return { project, session };
    },

    /** Stops the server and removes its directories. */
    async dispose() {
      await stopChild("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(projectDir, { recursive: true, force: true });
    },
  };

  async function stopChild(signal) {
    if (!server.running) {
      return;
    }
    const exited = new Promise((done) => child.once("exit", done));
    child.kill(signal);
    await exited;
  }

  await server.start();
  return server;
}

async function waitForHealth(server, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `The server exited with ${child.exitCode}; see target/logs/${server.name}.log`,
      );
    }
    try {
      const response = await fetch(`${server.url}/health`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`The server did not answer /health within ${timeoutMs} ms`);
}
