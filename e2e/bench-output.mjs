/**
 * The browser benchmark of big replies (issue 20): a headless Chromium on the session page sends
 * `seq 1 N | sed 's/^/line number /'` to the default agent and measures, for each N, the time
 * from send to the last line shown, how long after the server finished that was, the page's long
 * tasks (count, total, longest), its JS heap (peak while streaming, and after a GC) and whether
 * the connection reconnected or the tab crashed.
 *
 *   node bench-output.mjs --label after                                  # the jar ./mvnw built
 *   node bench-output.mjs --label before --jar /tmp/switchboard-old.jar  # another build
 *   node bench-output.mjs --report                                       # rewrite the docs
 *
 * Each run writes `target/bench-output/<label>.json`; `--report` (also implied after a run)
 * rewrites the section between the markers in `docs/benchmarks.md` from every label's file. Run
 * on demand: it is not part of `npm test`. Traffic stays on loopback.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "./lib/browser.mjs";
import { sendMessage, sessionPath, waitForConnected } from "./lib/page.mjs";
import { startServer, TARGET_DIR } from "./lib/server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const DOCS = resolve(HERE, "..", "docs", "benchmarks.md");
const RESULTS = join(TARGET_DIR, "bench-output");
const START = "<!-- browser-output:start (written by e2e/bench-output.mjs) -->";
const END = "<!-- browser-output:end -->";

const args = parseArgs(process.argv.slice(2));
if (!args.reportOnly) {
  const loadStart = loadavg();
  const results = [];
  for (const lines of args.sizes) {
    console.log(`${args.label}: ${lines} lines…`);
    const result = await measure(lines, args);
    console.log(JSON.stringify(result));
    results.push(result);
  }
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(
    join(RESULTS, `${args.label}.json`),
    JSON.stringify(
      {
        label: args.label,
        jar: args.jar ?? "server/target/switchboard.jar",
        at: new Date().toISOString(),
        machine: `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
        loadStart: loadStart.map((value) => value.toFixed(2)).join(" / "),
        loadEnd: loadavg()
          .map((value) => value.toFixed(2))
          .join(" / "),
        results,
      },
      null,
      2,
    ),
  );
}
writeReport();

function parseArgs(argv) {
  const parsed = {
    label: "after",
    jar: null,
    sizes: [20_000, 300_000, 1_000_000],
    timeoutMs: 240_000,
    reportOnly: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const value = () => {
      if (argv[i + 1] === undefined) {
        throw new Error(`${argv[i]} needs a value`);
      }
      return argv[++i];
    };
    switch (argv[i]) {
      case "--label":
        parsed.label = value();
        break;
      case "--jar":
        parsed.jar = resolve(value());
        process.env.SWITCHBOARD_JAR = parsed.jar;
        break;
      case "--sizes":
        parsed.sizes = value().split(",").map(Number);
        break;
      case "--timeout-ms":
        parsed.timeoutMs = Number(value());
        break;
      case "--report":
        parsed.reportOnly = true;
        break;
      default:
        throw new Error(
          `Unknown argument ${argv[i]}: use --label NAME, --jar PATH, --sizes 20000,300000, --timeout-ms MS or --report`,
        );
    }
  }
  if (parsed.sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error(`--sizes takes whole line counts separated by commas, got ${parsed.sizes}`);
  }
  return parsed;
}

async function measure(lines, { label, timeoutMs }) {
  const server = await startServer(`bench-output-${label}-${lines}`, {
    SWITCHBOARD_UI_DEV_TOOLS: "true",
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const target = await server.createSession("bench");
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 } })
    ).newPage();
    let crashed = false;
    page.on("crash", () => {
      crashed = true;
    });
    await page.goto(
      `${server.url}${sessionPath(target)}?token=${encodeURIComponent(server.token)}`,
    );
    await waitForConnected(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const last = `line number ${lines}`;
    await page.evaluate(
      ([wanted, n]) => {
        const bench = { longTasks: [], shownAt: null };
        window.__bench = bench;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            bench.longTasks.push(entry.duration);
          }
        }).observe({ type: "longtask" });
        // Shown: the row of the last line (the virtualized view), or the end of the one text
        // node holding the whole output (the view before it), read without copying it.
        const check = () => {
          const reply = document.querySelectorAll('[data-testid="message"]')[1];
          const row = reply?.querySelector(`[data-line="${n}"]`);
          let shown = row?.textContent === wanted;
          if (!shown && reply) {
            const spans = reply.querySelectorAll('[data-testid="message-output"] > span');
            const text = spans[spans.length - 1]?.firstChild;
            const tail = `${wanted}\n`;
            shown =
              text?.nodeType === 3 &&
              text.length >= tail.length &&
              text.substringData(text.length - tail.length, tail.length) === tail;
          }
          if (shown) {
            bench.shownAt = performance.timeOrigin + performance.now();
          } else {
            setTimeout(check, 20);
          }
        };
        check();
      },
      [last, lines],
    );

    let heapPeak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling && !crashed) {
        const metric = await cdp.send("Performance.getMetrics").catch(() => null);
        const heap = metric?.metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0;
        heapPeak = Math.max(heapPeak, heap);
        await new Promise((wait) => setTimeout(wait, 250));
      }
    })();

    const sentAt = Date.now();
    await sendMessage(page, `seq 1 ${lines} | sed 's/^/line number /'`);
    const deadline = sentAt + timeoutMs;
    let shownAt = null;
    while (!crashed && Date.now() < deadline) {
      shownAt = await page.evaluate(() => window.__bench.shownAt, null).catch(() => null);
      if (shownAt !== null) {
        break;
      }
      await new Promise((wait) => setTimeout(wait, 100));
    }
    // One more second for a long task still running when the line showed.
    await new Promise((wait) => setTimeout(wait, 1_000));
    sampling = false;
    await sampler;
    const snapshot = await server.api("GET", `/api/sessions/${target.session.id}`);
    const reply = snapshot.messages.find((m) => m.role === "agent");
    const completedAt = reply?.completedAt ? Date.parse(reply.completedAt) : null;
    let page_ = { longTasks: [], reconnections: null, heapAfterGc: null };
    if (!crashed) {
      page_ = await page
        .evaluate(() => ({
          longTasks: window.__bench.longTasks,
          reconnections: window.__WS_METRICS__?.snapshot().reconnections ?? null,
        }))
        .catch(() => page_);
      await cdp.send("HeapProfiler.collectGarbage").catch(() => {});
      const usage = await cdp.send("Runtime.getHeapUsage").catch(() => null);
      page_.heapAfterGc = usage?.usedSize ?? null;
    }
    const longTasks = page_.longTasks;
    return {
      lines,
      serverFinishedMs: completedAt === null ? null : completedAt - sentAt,
      shownMs: shownAt === null ? null : Math.round(shownAt - sentAt),
      shownAfterServerMs:
        shownAt === null || completedAt === null ? null : Math.round(shownAt - completedAt),
      timedOut: shownAt === null && !crashed,
      timeoutMs,
      longTaskCount: longTasks.length,
      longTaskTotalMs: Math.round(longTasks.reduce((sum, d) => sum + d, 0)),
      longTaskMaxMs: Math.round(Math.max(0, ...longTasks)),
      heapPeakMb: round(heapPeak / 2 ** 20),
      heapAfterGcMb: page_.heapAfterGc === null ? null : round(page_.heapAfterGc / 2 ** 20),
      reconnections: page_.reconnections,
      crashed,
    };
  } finally {
    await browser.close().catch(() => {});
    await server.dispose();
  }
}

function round(value) {
  return Math.round(value * 10) / 10;
}

function writeReport() {
  let runs = [];
  try {
    runs = readdirSync(RESULTS)
      .filter((name) => name.endsWith(".json"))
      .map((name) => JSON.parse(readFileSync(join(RESULTS, name), "utf8")));
  } catch {
    return;
  }
  const order = (label) => (label === "before" ? 0 : label === "after" ? 1 : 2);
  runs.sort((a, b) => order(a.label) - order(b.label) || a.label.localeCompare(b.label));
  const ms = (value) => (value === null ? "–" : value.toLocaleString("en-US"));
  const rows = runs.flatMap((run) =>
    run.results.map((r) => {
      const shown = r.crashed
        ? "tab crashed"
        : r.timedOut
          ? `not within ${ms(r.timeoutMs / 1000)} s`
          : `${ms(r.shownMs)} ms`;
      const after = r.timedOut || r.crashed ? "–" : `${ms(r.shownAfterServerMs)} ms`;
      return `| ${run.label} | ${r.lines.toLocaleString("en-US")} | ${ms(r.serverFinishedMs)} ms | ${shown} | ${after} | ${r.longTaskCount} | ${ms(r.longTaskTotalMs)} ms | ${ms(r.longTaskMaxMs)} ms | ${r.heapPeakMb} MB | ${r.heapAfterGcMb ?? "–"} MB | ${r.reconnections ?? "–"} |`;
    }),
  );
  const method = runs
    .map(
      (run) =>
        `- **${run.label}**: \`${run.jar}\`, ${run.at}, ${run.machine}, load average (1/5/15 min) ${run.loadStart ? `${run.loadStart} at the start, ` : ""}${run.loadEnd} at the end`,
    )
    .join("\n");
  const section = [
    START,
    "",
    "| build | lines | server finished (after send) | last line shown (after send) | shown after the server finished | long tasks | long tasks, total | longest task | JS heap, peak | JS heap after GC | reconnects |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    method,
    "",
    END,
  ].join("\n");
  const docs = readFileSync(DOCS, "utf8");
  const start = docs.indexOf(START);
  const end = docs.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`docs/benchmarks.md has no "${START}" … "${END}" markers to write between`);
  }
  writeFileSync(DOCS, docs.slice(0, start) + section + docs.slice(end + END.length));
  console.log(`Wrote ${runs.length} run(s) to ${DOCS}`);
}
