#!/usr/bin/env node
// npm licence guard for the Vaadin frontend build (docs/licences.md).
//
// Walks every installed package under a node_modules folder (nested and scoped packages, pnpm's
// .pnpm store too), reads its licence from package.json (`license`, legacy `licenses`, or the
// file named by "SEE LICENSE IN <file>"), normalises the spelling, evaluates SPDX expressions
// (OR: one allowed alternative suffices; AND: every part must be allowed) and writes a notices
// file. Exits 1 if a package's licence is forbidden, not on the allow-list, or unknown.
// Node built-ins only: nothing to download.
//
// Usage: node build/licences/npm-licences.mjs [--node-modules ui/node_modules]
//          [--out ui/target/THIRD-PARTY-npm.txt] [--bundle ui/target/classes/META-INF/THIRD-PARTY-npm.txt]
//          [--overrides build/licences/npm-overrides.properties]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// Canonical licences allowed (SPDX ids where one exists).
const ALLOWED = new Set([
  'Apache-2.0', 'MIT', 'MIT-0', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'ISC',
  'EPL-1.0', 'EPL-2.0', 'EDL-1.0', 'MPL-2.0', 'LGPL-2.1', 'LGPL-3.0', 'CDDL-1.0', 'CDDL-1.1',
  'Unicode-DFS-2016', 'Unicode-3.0', 'CC0-1.0', 'Unlicense', 'Public-Domain', 'WTFPL',
  'BlueOak-1.0.0', 'Python-2.0', 'Zlib', 'CC-BY-3.0', 'CC-BY-4.0',
  // bpmn-js and its bpmn.io siblings: MIT plus "the bpmn.io watermark must stay visible".
  'bpmn.io',
]);

// Forbidden outright, with the reason printed (anything else not allowed fails too).
const FORBIDDEN = [
  [/camunda\s+licen[cs]e/i, 'Camunda License'],
  [/zeebe\s+community/i, 'Zeebe Community License'],
  [/\bbusl\b|business\s+source/i, 'Business Source License'],
  [/\bsspl\b|server\s+side\s+public/i, 'Server Side Public License'],
  [/elastic(-|\s+)licen[cs]e|^elastic-2\.0$/i, 'Elastic License'],
  [/vaadin\s+commercial|\bcval\b|\bcvdl\b|commercial\s+vaadin/i, 'Vaadin Commercial License'],
  [/highcharts\.com\/license/i, 'Highcharts (commercial)'],
  [/^unlicensed$|proprietary|commercial/i, 'proprietary / commercial'],
];

// Spellings seen in the wild -> canonical id. Keys are lower-case, spaces collapsed.
const ALIASES = new Map(Object.entries({
  'apache 2.0': 'Apache-2.0', 'apache-2': 'Apache-2.0', 'apache 2': 'Apache-2.0', 'apache2': 'Apache-2.0',
  'apache license 2.0': 'Apache-2.0', 'apache license, version 2.0': 'Apache-2.0',
  'apache license version 2.0': 'Apache-2.0', 'apache-2.0 license': 'Apache-2.0', 'asl 2.0': 'Apache-2.0',
  'mit license': 'MIT', 'the mit license': 'MIT', 'mit/x11': 'MIT', 'x11': 'MIT', 'expat': 'MIT', 'mit*': 'MIT',
  'bsd': 'BSD-3-Clause', 'bsd license': 'BSD-3-Clause', 'new bsd': 'BSD-3-Clause', 'bsd-3': 'BSD-3-Clause',
  'bsd 3-clause': 'BSD-3-Clause', 'bsd-like': 'BSD-3-Clause', 'simplified bsd': 'BSD-2-Clause', 'bsd-2': 'BSD-2-Clause',
  'freebsd': 'BSD-2-Clause', 'bsd 2-clause': 'BSD-2-Clause',
  'isc license': 'ISC', 'zero-clause bsd': '0BSD',
  'lgpl': 'LGPL-2.1', 'lgpl-2.1-only': 'LGPL-2.1', 'lgpl-2.1-or-later': 'LGPL-2.1', 'lgpl-2.1+': 'LGPL-2.1',
  'lgpl-3.0-only': 'LGPL-3.0', 'lgpl-3.0-or-later': 'LGPL-3.0', 'lgpl-3.0+': 'LGPL-3.0',
  'mpl 2.0': 'MPL-2.0', 'mozilla public license 2.0': 'MPL-2.0',
  'epl 2.0': 'EPL-2.0', 'eclipse public license 2.0': 'EPL-2.0', 'epl 1.0': 'EPL-1.0',
  'cddl': 'CDDL-1.0',
  'public domain': 'Public-Domain', 'public-domain': 'Public-Domain', 'cc0': 'CC0-1.0', 'cc-0': 'CC0-1.0',
  'the unlicense': 'Unlicense', 'unicode-dfs': 'Unicode-DFS-2016', 'unicode': 'Unicode-3.0',
  'blueoak-1.0': 'BlueOak-1.0.0', 'python 2.0': 'Python-2.0', 'zlib license': 'Zlib',
}));

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const nodeModules = path.resolve(arg('--node-modules', 'ui/node_modules'));
const out = path.resolve(arg('--out', 'ui/target/THIRD-PARTY-npm.txt'));
const bundle = arg('--bundle', null);
const overridesFile = path.resolve(arg('--overrides', path.join(here, 'npm-overrides.properties')));

// name@version=Licence (one version) or name=Licence (every version); '#' starts a comment.
function readOverrides(file) {
  const map = new Map();
  if (!fs.existsSync(file)) return map;
  for (const raw of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq > 0) map.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return map;
}

// Every installed package folder, once (pnpm links the same folder from many places).
function findPackages(root) {
  const seen = new Set();
  const found = [];
  const visitNodeModules = (dir) => {
    let entries;
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.name === '.pnpm') {
        for (const s of safeList(p)) visitNodeModules(path.join(p, s, 'node_modules'));
      } else if (e.name.startsWith('.')) {
        continue; // .bin, .cache, .vite, .package-lock.json, ...
      } else if (e.name.startsWith('@')) {
        for (const s of safeList(p)) visitPackage(path.join(p, s));
      } else {
        visitPackage(p);
      }
    }
  };
  const visitPackage = (dir) => {
    let real;
    try { real = fs.realpathSync(dir); } catch { return; }
    if (seen.has(real)) return;
    seen.add(real);
    const pj = path.join(real, 'package.json');
    if (fs.existsSync(pj)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(pj, 'utf8'));
        if (pkg.name && pkg.version) found.push({ dir: real, pkg });
      } catch (e) {
        found.push({ dir: real, pkg: { name: path.basename(real), version: '?' }, error: `unreadable package.json: ${e.message}` });
      }
    }
    visitNodeModules(path.join(real, 'node_modules'));
  };
  const safeList = (d) => { try { return fs.readdirSync(d); } catch { return []; } };
  visitNodeModules(root);
  return found;
}

// A licence file's text -> a canonical id, for "SEE LICENSE IN <file>".
function classifyText(text) {
  for (const [re, why] of FORBIDDEN) if (re.test(text) && why !== 'proprietary / commercial') return why;
  if (/bpmn\.io/i.test(text) && /watermark/i.test(text)) return 'bpmn.io';
  if (/Permission is hereby granted, free of charge/i.test(text)) return 'MIT';
  if (/Apache License[\s\S]{0,40}Version 2\.0/i.test(text)) return 'Apache-2.0';
  if (/Permission to use, copy, modify, and\/or distribute this software/i.test(text)) return 'ISC';
  return null;
}

function declaredLicence({ dir, pkg }) {
  let l = pkg.license ?? pkg.licenses;
  if (Array.isArray(l)) l = l.map((x) => (typeof x === 'string' ? x : x?.type)).filter(Boolean).join(' OR ');
  else if (l && typeof l === 'object') l = l.type;
  if (typeof l !== 'string' || !l.trim()) return null;
  l = l.trim();
  const see = l.match(/^SEE LICEN[CS]E IN (.+)$/i);
  if (see) {
    const f = path.join(dir, see[1].trim());
    const text = fs.existsSync(f) && fs.statSync(f).isFile() ? fs.readFileSync(f, 'utf8') : '';
    const id = classifyText(text);
    return id ? `${id}` : `${l} (unrecognised text)`;
  }
  return l;
}

function canonical(token) {
  const t = token.trim().replace(/\s+/g, ' ');
  for (const a of ALLOWED) if (a.toLowerCase() === t.toLowerCase()) return a;
  const key = t.toLowerCase().replace(/^the /, '');
  if (ALIASES.has(t.toLowerCase())) return ALIASES.get(t.toLowerCase());
  if (ALIASES.has(key)) return ALIASES.get(key);
  const spdx = t.replace(/-only$|-or-later$|\+$/i, '');
  for (const a of ALLOWED) if (a.toLowerCase() === spdx.toLowerCase()) return a;
  return t;
}

// Evaluate an SPDX-ish expression -> { ok, text, reasons[] }.
function evaluate(expr) {
  const forbidden = FORBIDDEN.find(([re]) => re.test(expr));
  if (forbidden && !/\bOR\b/.test(expr)) return { ok: false, text: expr, reasons: [`forbidden: ${forbidden[1]}`] };
  const tokens = expr.replace(/[()]/g, (m) => ` ${m} `).split(/\s+/).filter(Boolean);
  let pos = 0;
  const peek = () => tokens[pos];
  const parseAtom = () => {
    if (peek() === '(') {
      pos++;
      const r = parseOr();
      if (peek() === ')') pos++;
      return r;
    }
    const words = [];
    while (pos < tokens.length && !['(', ')'].includes(peek()) && !/^(AND|OR|WITH)$/i.test(peek())) words.push(tokens[pos++]);
    let id = canonical(words.join(' '));
    if (/^WITH$/i.test(peek() || '')) {
      pos++;
      const exc = tokens[pos++] || '';
      // "X WITH exception": an exception only widens X. GPL with the classpath/linking exceptions
      // is the usual Java/JS runtime case and allowed; otherwise X itself must be allowed.
      if (/^GPL-2\.0/i.test(id) && /classpath-exception|linking-exception/i.test(exc)) return { ok: true, text: `${id} WITH ${exc}`, reasons: [] };
      id = canonical(id);
      return judge(id, `${id} WITH ${exc}`);
    }
    return judge(id, id);
  };
  const judge = (id, text) => {
    const f = FORBIDDEN.find(([re]) => re.test(id));
    if (f) return { ok: false, text, reasons: [`forbidden: ${f[1]} (${id})`] };
    return ALLOWED.has(id) ? { ok: true, text, reasons: [] } : { ok: false, text, reasons: [`not on the allow-list: "${id}"`] };
  };
  const parseAnd = () => {
    let l = parseAtom();
    while (/^AND$/i.test(peek() || '')) {
      pos++;
      const r = parseAtom();
      l = { ok: l.ok && r.ok, text: `${l.text} AND ${r.text}`, reasons: [...l.reasons, ...r.reasons] };
    }
    return l;
  };
  const parseOr = () => {
    let l = parseAnd();
    while (/^OR$/i.test(peek() || '')) {
      pos++;
      const r = parseAnd();
      l = { ok: l.ok || r.ok, text: `(${l.text} OR ${r.text})`, reasons: l.ok || r.ok ? [] : [...l.reasons, ...r.reasons] };
    }
    return l;
  };
  return parseOr();
}

if (!fs.existsSync(nodeModules)) {
  console.error(`npm licence check: ${nodeModules} does not exist. Run the frontend build first (-Pproduction).`);
  process.exit(2);
}

const overrides = readOverrides(overridesFile);
const packages = findPackages(nodeModules);
const rows = new Map(); // name@version -> row (deduplicated across nested copies)
const problems = [];
for (const p of packages) {
  const id = `${p.pkg.name}@${p.pkg.version}`;
  if (rows.has(id)) continue;
  const override = overrides.get(id) ?? overrides.get(p.pkg.name);
  const declared = p.error ? null : declaredLicence(p);
  const used = override ?? declared;
  let verdict;
  if (!used) verdict = { ok: false, text: 'UNKNOWN', reasons: [p.error || 'no licence in package.json: add a verified entry to build/licences/npm-overrides.properties'] };
  else verdict = evaluate(used);
  const row = { id, licence: verdict.text, declared, override, ok: verdict.ok, reasons: verdict.reasons, dir: path.relative(nodeModules, p.dir), abs: p.dir };
  rows.set(id, row);
  if (!row.ok) problems.push(row);
}

const sorted = [...rows.values()].sort((a, b) => a.id.localeCompare(b.id));
const lines = [
  `Third-party npm packages of the Home First frontend build (${sorted.length} packages).`,
  `Generated by build/licences/npm-licences.mjs from ${path.relative(process.cwd(), nodeModules) || nodeModules}; see docs/licences.md.`,
  'bpmn-js and its bpmn.io siblings are under the bpmn.io licence: the bpmn.io watermark on rendered diagrams must stay visible.',
  '',
  ...sorted.map((r) => `     (${r.licence}) ${r.id}${r.override ? ` [override; declared: ${r.declared ?? 'none'}]` : ''}${r.ok ? '' : '  <-- NOT ALLOWED'}`),
  '',
  ...texts(sorted),
];

// Texts that must travel with the code: a package's NOTICE file (Apache-2.0 section 4(d)) with
// its licence, and the licence text of BSD-licensed packages (their clause 2: reproduce the
// notice in binary form), e.g. Apache ECharts and its zrender.
function texts(rows) {
  const out = [];
  const read = (dir, re) => {
    let files = [];
    try { files = fs.readdirSync(dir); } catch { /* no folder: no text */ }
    const file = files.find((f) => re.test(f));
    return file ? fs.readFileSync(path.join(dir, file), 'utf8').trim() : null;
  };
  for (const r of rows) {
    const notice = read(r.abs, /^NOTICE(\.(md|txt))?$/i);
    const bsd = /BSD/.test(r.licence) && !/ OR /.test(r.licence);
    if (!notice && !bsd) continue;
    const licence = read(r.abs, /^LICEN[CS]E(\.(md|txt))?$/i);
    out.push('='.repeat(100), `${r.id} (${r.licence})`, '='.repeat(100));
    if (notice) out.push('NOTICE:', notice, '');
    out.push(licence ?? `(no licence file in the package; licence: ${r.licence})`, '');
  }
  return out.length ? ['Notices and licence texts that must accompany the code:', '', ...out] : [];
}
for (const target of [out, bundle && path.resolve(bundle)].filter(Boolean)) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, lines.join('\n'));
}

const counts = {};
for (const r of sorted) counts[r.licence] = (counts[r.licence] || 0) + 1;
console.log(`npm licence check: ${sorted.length} packages, written to ${out}`);
console.log('  ' + Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}: ${v}`).join(', '));
if (problems.length) {
  console.error(`npm licence check FAILED: ${problems.length} package(s) with a licence outside the allow-list:`);
  for (const r of problems) console.error(`  - ${r.id} (${r.dir}): ${r.reasons.join('; ')}`);
  console.error('Allowed licences and how to add a verified override: docs/licences.md');
  process.exit(1);
}
console.log('npm licence check passed.');
