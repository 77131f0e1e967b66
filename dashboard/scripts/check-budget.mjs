#!/usr/bin/env node
// The initial-JavaScript budget: for every page of the build (out/**/*.html), the scripts it
// loads before anyone clicks (<script src> but nomodule polyfills, and <link rel="preload|modulepreload"> of scripts),
// gzipped and added up. Fails, naming the page, when one is over the budget.
// Usage: node scripts/check-budget.mjs [out-dir] (STAKAZO_JS_BUDGET_KB, default 200)
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const here = path.resolve(import.meta.dirname, "..");
const out = path.resolve(process.argv[2] ?? path.join(here, "out"));
const budgetKb = Number(process.env.STAKAZO_JS_BUDGET_KB ?? 200);

if (!existsSync(path.join(out, "index.html"))) {
  console.error(`No build in ${out}: run \`make dashboard\` first.`);
  process.exit(1);
}

function* htmlFiles(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      if (name !== "_next") yield* htmlFiles(file);
    } else if (name.endsWith(".html")) yield file;
  }
}

/** Every script a page fetches at load: script tags, and scripts it preloads. */
export function initialScripts(html) {
  const found = new Set();
  for (const match of html.matchAll(/<script\b[^>]*>/g)) {
    // nomodule scripts (polyfills) are for browsers without modules: a current one skips them.
    if (/\bnomodule\b/i.test(match[0])) continue;
    const src = match[0].match(/\bsrc="([^"]+)"/);
    if (src) found.add(src[1]);
  }
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0];
    if (!/\brel="(?:preload|modulepreload)"/.test(tag)) continue;
    if (/\brel="preload"/.test(tag) && !/\bas="script"/.test(tag)) continue;
    const href = tag.match(/\bhref="([^"]+)"/);
    if (href) found.add(href[1]);
  }
  return [...found].filter((src) => src.startsWith("/") && !src.startsWith("//"));
}

const gzipped = new Map();
function gzipSize(src) {
  if (!gzipped.has(src)) {
    const file = path.join(out, decodeURIComponent(src.split("?")[0]));
    gzipped.set(src, existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0);
  }
  return gzipped.get(src);
}

const rows = [];
for (const file of htmlFiles(out)) {
  const page = "/" + path.relative(out, file).replace(/\.html$/, "").replace(/(^|\/)index$/, "");
  const scripts = initialScripts(readFileSync(file, "utf8"));
  const bytes = scripts.reduce((sum, src) => sum + gzipSize(src), 0);
  rows.push({ page: page === "/" ? "/" : page.replace(/\/$/, ""), bytes, scripts: scripts.length });
}
rows.sort((a, b) => a.page.localeCompare(b.page));

const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(6);
const over = rows.filter((row) => row.bytes > budgetKb * 1024);
console.log(`Initial JavaScript per page, gzipped (budget ${budgetKb} KB):`);
for (const row of rows) {
  console.log(`${row.bytes > budgetKb * 1024 ? "OVER" : "  ok"} ${kb(row.bytes)} KB  ${row.page}  (${row.scripts} scripts)`);
}
if (over.length > 0) {
  console.error(`\n${over.length} page(s) over the ${budgetKb} KB budget: ${over.map((row) => row.page).join(", ")}.`);
  console.error("Load heavy libraries (charts, players, uploaders) with next/dynamic or import() on the pages that use them.");
  process.exit(1);
}
