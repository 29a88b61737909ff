/**
 * The server under test: the real jar on a free loopback port with its embedded defaults (H2,
 * in-memory broker), its own data directory and an admin token, plus typed REST calls.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ApiError } from "@switchboard/contract";

/** A started server: where it listens and how to call its REST API as the admin. */
export interface RunningServer {
  readonly port: number;
  readonly token: string;
  /** A directory a project can point at. */
  readonly projectDir: string;
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Starts `jar` and waits for `/health`. */
export async function startServer(
  jar: string,
  log: (line: string) => void,
): Promise<RunningServer> {
  const port = await freePort();
  const token = `consumer_${randomBytes(24).toString("base64url")}`;
  const dataDir = mkdtempSync(join(tmpdir(), "switchboard-consumer-"));
  const projectDir = mkdtempSync(join(tmpdir(), "switchboard-consumer-project-"));
  const child: ChildProcess = spawn("java", ["-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar], {
    env: {
      ...process.env,
      MICRONAUT_SERVER_PORT: String(port),
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_TOKEN: token,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => log(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => log(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGKILL");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(projectDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server exited with ${child.exitCode} before answering /health`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error("The server did not answer /health within 90 s");
    }
    await new Promise((done) => setTimeout(done, 200));
  }

  return {
    port,
    token,
    projectDir,
    async api<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) {
        const error = (await response.json()) as ApiError;
        throw new Error(
          `${method} ${path} answered ${response.status} ${error.code}: ${error.message}`,
        );
      }
      return (await response.json()) as T;
    },
    stop,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
