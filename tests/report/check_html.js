#!/usr/bin/env node
// SPDX-License-Identifier: MIT
//
// Checks the HTML page of tools/vfstrace-report in headless Chromium
// (Debian's /usr/bin/chromium), driven by playwright-core:
//
//   node check_html.js PAGE.html EXPECT.json SHOT.png [BIG.html BIG.json]
//
// EXPECT.json: {"under": DIR, "collapse": PID, "procs": [{"pid", "parent",
// "cmd", "status", "files": {KIND: [PATH...]}}...]}, the processes of a
// known run in tree order.  The page must have one node per process and
// no other, each under its parent's node, with its command and status,
// and with exactly the files EXPECT lists among its files under DIR;
// collapsing the node of PID must hide all the nodes below it and nothing
// else, and opening it again must show them.  The page must load nothing
// from outside its own file and log no error.  SHOT.png: a screenshot of
// the page with every node open.
//
// BIG.html, BIG.json ({"procs": N, "find": TEXT, "found": PID}): a page of
// N processes must be ready in reasonable time with only its first levels
// drawn, find a process by a path, and open all N nodes.
//
// Needs NODE_PATH (or node_modules) to reach playwright-core; CHROMIUM
// overrides the browser's path.  Exit status 0 = pass, 1 = fail.
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// As root Chromium's sandbox cannot start: --no-sandbox (the page is our
// own file).  The rest keeps Chromium off the network: this machine has
// none, and refused connections would only add noise.
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic",
  "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
  "--disable-dev-shm-usage"];

const failures = [];
function check(ok, what) {
  if (!ok) failures.push(what);
  return ok;
}

async function openPage(browser, file) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  const url = "file://" + path.resolve(file);
  const errors = [];
  page.on("pageerror", e => errors.push("page error: " + e.message));
  page.on("console", m => {
    if (m.type() === "error") errors.push("console error: " + m.text());
  });
  // Self-contained: the page's own file is the only request it may make.
  await page.route("**/*", route => {
    const u = route.request().url();
    if (u === url) return route.continue();
    errors.push("request outside the page: " + u);
    return route.abort();
  });
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector("body[data-ready]", { timeout: 60000 });
  return { page, errors, ms: Date.now() - t0 };
}

// What the page shows of each process node (those drawn so far).
function nodes(page) {
  return page.$$eval("details.proc", ds => ds.map(d => {
    const up = d.parentElement.closest("details.proc");
    const files = {};
    d.querySelectorAll(":scope > .body > .files li.file[data-kind]")
      .forEach(li => {
        (files[li.dataset.kind] = files[li.dataset.kind] || [])
          .push(li.textContent);
      });
    const s = d.querySelector(":scope > summary");
    return {
      pid: +d.dataset.pid,
      parent: up ? +up.dataset.pid : null,
      cmd: s.querySelector(".cmd").textContent,
      status: s.querySelector(".st").textContent,
      open: d.open,
      files,
    };
  }));
}

function visible(page, pid) {
  return page.locator(`details.proc[data-pid="${pid}"] > summary`)
    .isVisible();
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function knownRun(browser, file, expect, shot) {
  const { page, errors } = await openPage(browser, file);
  // Every node of a small tree is open from the start.
  let got = await nodes(page);
  check(got.length === expect.procs.length && got.every(n => n.open),
    `on load: ${got.length} nodes (${got.filter(n => n.open).length} ` +
    `open), want all ${expect.procs.length} open`);
  await page.click("#collapse");
  check((await nodes(page)).every(n => !n.open), "collapse all left a node open");
  await page.click("#expand");
  got = await nodes(page);
  check(same(got.map(n => n.pid), expect.procs.map(p => p.pid)),
    `nodes ${JSON.stringify(got.map(n => n.pid))}, want one per process ` +
    `in tree order: ${JSON.stringify(expect.procs.map(p => p.pid))}`);
  const byPid = new Map(got.map(n => [n.pid, n]));
  for (const want of expect.procs) {
    const n = byPid.get(want.pid);
    if (!check(n, `no node for process ${want.pid} (${want.cmd})`)) continue;
    const tag = `process ${want.pid} (${want.cmd})`;
    check(n.parent === want.parent,
      `${tag}: under ${n.parent}, want under ${want.parent}`);
    check(n.cmd === want.cmd, `${tag}: command shown ${JSON.stringify(n.cmd)}`);
    check(n.status === want.status,
      `${tag}: status ${JSON.stringify(n.status)}, want ${want.status}`);
    const mine = {};
    for (const [k, list] of Object.entries(n.files)) {
      const under = list.filter(f => f.startsWith(expect.under + "/"));
      if (under.length) mine[k] = under;
    }
    check(same(mine, want.files), `${tag}: files under ${expect.under} ` +
      `${JSON.stringify(mine)}, want ${JSON.stringify(want.files)}`);
    check(await visible(page, want.pid), `${tag}: not visible when expanded`);
  }

  // Collapse one node: every node below it is hidden, the rest are not.
  const target = expect.collapse;
  const below = new Set([target]);
  for (const p of expect.procs)       // tree order: parents come first
    if (p.parent !== null && below.has(p.parent)) below.add(p.pid);
  below.delete(target);
  check(below.size > 0, `process ${target} has no children to hide`);
  await page.click(`details.proc[data-pid="${target}"] > summary`);
  check(!(await page.$eval(`details.proc[data-pid="${target}"]`, d => d.open)),
    `clicking the summary of ${target} did not close it`);
  for (const p of expect.procs) {
    const v = await visible(page, p.pid);
    if (below.has(p.pid))
      check(!v, `process ${p.pid} still visible after collapsing ${target}`);
    else
      check(v, `process ${p.pid} hidden by collapsing ${target}`);
  }
  const filesHidden = await page.locator(
    `details.proc[data-pid="${target}"] > .body li.file`).first().isVisible();
  check(!filesHidden, `files of ${target} still visible when collapsed`);
  await page.click(`details.proc[data-pid="${target}"] > summary`);
  for (const pid of below)
    check(await visible(page, pid),
      `process ${pid} not shown again after reopening ${target}`);

  // Find: a file of one process marks that process and its file.
  const anyFile = Object.values(expect.procs.find(p =>
    Object.keys(p.files).length).files)[0][0];
  await page.fill("#q", anyFile.slice(expect.under.length + 1));
  await page.press("#q", "Enter");
  const hits = await page.$$eval("li.file.hit", l => l.map(e => e.textContent));
  check(hits.includes(anyFile), `find ${anyFile}: marked ${JSON.stringify(hits)}`);
  await page.fill("#q", "");
  await page.press("#q", "Enter");
  check((await page.$$(".hit")).length === 0, "clearing find left marks");

  await page.evaluate(() => window.scrollTo(0, 0));
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  await page.screenshot({ path: shot, fullPage: true });
  check(errors.length === 0, errors.join("; "));
  await page.close();
}

async function bigRun(browser, file, expect) {
  const { page, errors, ms } = await openPage(browser, file);
  const drawn = await page.$$eval("details.proc", ds => ds.length);
  console.log(`big page: ${expect.procs} processes, ready in ${ms} ms, ` +
    `${drawn} nodes drawn`);
  check(ms < 30000, `big page: ready after ${ms} ms`);
  check(drawn < 1000, `big page: ${drawn} nodes drawn on load, want lazy`);
  await page.fill("#q", expect.find);
  await page.press("#q", "Enter");
  const found = await page.$$eval("details.proc > summary.hit",
    s => s.map(e => +e.parentElement.dataset.pid));
  check(same(found, [expect.found]),
    `big page: find ${expect.find}: ${JSON.stringify(found)}, want ` +
    `[${expect.found}]`);
  await page.waitForSelector("body[data-found]");
  const box = await page.$eval(`details.proc[data-pid="${expect.found}"] > summary`,
    s => { const r = s.getBoundingClientRect();
      return [r.top, r.bottom, window.innerHeight]; });
  check(box[0] >= 0 && box[1] <= box[2], `big page: process ` +
    `${expect.found} found but not scrolled into view: ${box}`);
  const t0 = Date.now();
  await page.click("#expand");
  const all = await page.$$eval("details.proc", ds => ds.length);
  const t = Date.now() - t0;
  console.log(`big page: expand all: ${all} nodes in ${t} ms`);
  check(all === expect.procs, `big page: ${all} nodes, want ${expect.procs}`);
  check(t < 60000, `big page: expand all took ${t} ms`);
  check(errors.length === 0, errors.join("; "));
  await page.close();
}

async function main() {
  const [html, expectFile, shot, big, bigExpect] = process.argv.slice(2);
  if (!shot) {
    console.error("usage: check_html.js PAGE.html EXPECT.json SHOT.png " +
      "[BIG.html BIG.json]");
    process.exit(2);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    await knownRun(browser, html, JSON.parse(fs.readFileSync(expectFile)),
      shot);
    if (big)
      await bigRun(browser, big, JSON.parse(fs.readFileSync(bigExpect)));
  } finally {
    await browser.close();
  }
  if (failures.length) {
    failures.forEach(f => console.error("FAIL: " + f));
    process.exit(1);
  }
  console.log("check_html: the page holds the known run; screenshot " + shot);
}

main().catch(e => {
  console.error("FAIL: " + (e && e.stack || e));
  process.exit(1);
});
