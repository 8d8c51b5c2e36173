// Shared set-up for the browser suite: a copy of the project's site in a
// temporary folder, `handlingsplan serve` on a free port, and Debian's
// Chromium driven by playwright-core (never a downloaded browser).

import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Fail loudly, with the command that fixes it, when a tool is missing. */
export function requireTools() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is missing at ${chromiumPath}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
  }
  const cargo = spawnSync("cargo", ["--version"]);
  if (cargo.status !== 0) throw new Error("cargo is missing: install Rust with rustup");
}

/** The release binary, built once. */
export function binary() {
  const build = spawnSync("cargo", ["build", "--release", "--quiet"], { cwd: repo, stdio: "inherit" });
  if (build.status !== 0) throw new Error("cargo build --release failed");
  return join(repo, "target", "release", "handlingsplan");
}

/** A copy of the project's content and themes in a temporary folder. */
export function copySite() {
  const root = mkdtempSync(join(tmpdir(), "handlingsplan-browser-"));
  cpSync(join(repo, "content"), join(root, "content"), { recursive: true });
  cpSync(join(repo, "themes"), join(root, "themes"), { recursive: true });
  return root;
}

/**
 * Test fixtures laid over each other (by default `minimal` and `two-years`:
 * a made-up site with two years and follow-up in every status; `reports`
 * adds three dated reports). Never the real plan.
 */
export function copyFollowUpFixture(names = ["minimal", "two-years"]) {
  const root = mkdtempSync(join(tmpdir(), "handlingsplan-browser-fixture-"));
  for (const name of names) {
    cpSync(join(repo, "tests", "fixtures", name), root, { recursive: true });
  }
  return root;
}

/** Start `serve` on a free port; resolves to { url, stop, output }. */
export function serve(bin, root) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["serve", "--root", root, "--port", "0"], { env: { ...process.env, NO_COLOR: "1" } });
    const output = [];
    let started = false;
    const onLine = (chunk) => {
      output.push(chunk.toString());
      const m = /serving the site at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output.join(""));
      if (m && !started && /rebuilt|rebuild failed/.test(output.join(""))) {
        started = true;
        resolve({ url: m[1], output, stop: () => child.kill("SIGINT") });
      }
    };
    child.stdout.on("data", onLine);
    child.stderr.on("data", onLine);
    child.on("exit", (code) => started || reject(new Error(`serve exited with ${code}:\n${output.join("")}`)));
    setTimeout(() => started || reject(new Error(`serve did not start:\n${output.join("")}`)), 30000);
  });
}

/** Chromium, headless, with a fresh profile and no network chatter. */
export async function browser() {
  const profile = mkdtempSync(join(tmpdir(), "handlingsplan-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
