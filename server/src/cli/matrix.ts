// `dci-lint matrix FILE|FOLDER`: the RTT figures for every unordered pair of placed sites, in file order.
//
// 2,000 sites are 1,999,000 rows (599 MB of JSON for the bench's design), so the output is streamed in
// blocks of about 1 MB and never held whole; distances come from the fast Andoyer-Lambert formula (bounds
// less its error bound, see geo/geodesic.ts); above WORKER_MIN_PAIRS the blocks are computed by worker
// threads (one per core, at most 4), each with its own RttModel built from the same sites and links, and
// written in order by the main thread, which hands each block's buffer back for reuse. Rows are bytes
// copied from pieces encoded once per site (see Pieces), the same bytes from any thread.

import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import {
  defaultConfig,
  emptyDesign,
  initTerraform,
  lintTerraformModule,
  newFigures,
  parseTopology,
  resolveAssumptions,
  RttModel,
  type Assumptions,
  type Config,
  type Design,
  type Link,
  type Medium,
  type Site,
} from '../core';
import { UsageError } from './errors';
import { discover, findConfig, isTerraform, loadConfigFile, loadTerraformModule, readText } from './files';
import { siblingTopology } from './lint';

type Format = 'table' | 'json' | 'csv';

/** Below this many pairs one thread is faster than starting workers. */
export const WORKER_MIN_PAIRS = 200_000;

/** What a worker needs to rebuild the model: plain data, cheap to send. */
export interface MatrixInput {
  format: Format;
  assumptions: Assumptions;
  sites: Array<{ id: string; latDeg: number; lonDeg: number; cloud: boolean; provider?: string; origin: string }>;
  links: Array<{ a: string; b: string; medium: Medium; routeKm?: number; rttMs?: number }>;
}

export async function runMatrix(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'table' } } });
  if (positionals.length !== 1)
    throw new UsageError('matrix takes one topology file or Terraform module: dci-lint matrix FILE|FOLDER [--format table|json|csv].');
  const format = values.format!;
  if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`Unknown --format ${format}: use table, json or csv.`);
  // A large file: start the workers now, so that loading their code overlaps parsing the design.
  const early = isLargeFile(positionals[0]!) ? startWorkers(workerCount(Infinity, Infinity)) : [];
  let loaded: { design: Design; config: Config };
  try {
    loaded = await loadDesign(positionals[0]!);
  } catch (e) {
    for (const w of early) void w.terminate();
    throw e;
  }
  const { design, config } = loaded;
  const input = matrixInput(design, resolveAssumptions(design, config.assumptions), format as Format);
  const n = input.sites.length;
  const pairs = (n * (n - 1)) / 2;
  const blocks = splitRows(n, blockPairs(input.format));
  const count = workerCount(pairs, blocks.length);
  const workers = count > 1 ? [...early.slice(0, count), ...startWorkers(count - early.length)] : [];
  for (const w of early.slice(workers.length)) void w.terminate();
  await write(header(input.format));
  if (workers.length > 1) await runWorkers(input, blocks, workers);
  else {
    const m = new MatrixFormatter(input);
    let spare: Buffer | undefined;
    for (const [from, to] of blocks) {
      const { buf, length } = m.rows(from, to, spare);
      await write(buf.subarray(0, length));
      spare = buf;
    }
  }
  await write(footer(input.format, n));
  return 0;
}

/**
 * Worker threads for this many pairs: one per core (at most 4) from WORKER_MIN_PAIRS on, else none.
 * DCI_LINT_MATRIX_THREADS=N overrides it (0 or 1: the main thread alone), for tests and measurements.
 */
function workerCount(pairs: number, blocks: number): number {
  const forced = process.env.DCI_LINT_MATRIX_THREADS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), blocks);
  return pairs >= WORKER_MIN_PAIRS && availableParallelism() > 1 ? Math.min(availableParallelism(), 4, blocks) : 0;
}

/** A topology file, or the Terraform module of a folder or .tf file (with a topology beside it, as lint does). */
async function loadDesign(path: string): Promise<{ design: Design; config: Config }> {
  const abs = resolve(path);
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
  } catch (e) {
    throw new UsageError(`Cannot read ${path}: ${(e as Error).message}`);
  }
  const configFor = (file: string): Config => {
    const c = findConfig(file);
    return (c && loadConfigFile(c).config) || defaultConfig();
  };
  if (isDir || isTerraform(abs)) {
    const dir = isDir ? abs : dirname(abs);
    const files = discover([dir]).terraform.get(dir) ?? [];
    if (files.length === 0) throw new UsageError(`${path} holds no Terraform files (*.tf) and is not a topology file.`);
    await initTerraform(__dirname);
    const config = configFor(resolve(dir, 'main.tf'));
    const topology = siblingTopology(dir);
    // the module tree, as lint reads it: local modules and those `terraform init` fetched (their sites too)
    const { files: module, modules, moduleManifest } = loadTerraformModule(dir);
    const result = lintTerraformModule(module, { config, modules, moduleManifest, ...(topology ? { topology } : {}) });
    const design = result.designs[0];
    if (!design) {
      const first = result.findings.find((f) => f.severity === 'error');
      throw new UsageError(`${path}: no sites could be read from the Terraform module${first ? `: ${first.message}` : ''}.`);
    }
    return { design, config };
  }
  const text = readText(abs);
  const parsed = parseTopology(text, abs);
  const design = parsed.designs[0];
  if (!design) {
    const first = parsed.findings[0];
    throw new UsageError(`${path} holds no topology design${first ? `: ${first.message}` : ''}.`);
  }
  return { design, config: configFor(abs) };
}

/** The placed sites (file order, first of a duplicated id) and two-ended links of a design, as workers receive them. */
export function matrixInput(design: Design, assumptions: Assumptions, format: Format): MatrixInput {
  const sites: MatrixInput['sites'] = [];
  const seen = new Set<string>();
  for (const s of design.sites.values()) {
    if (!s.placement || seen.has(s.id)) continue;
    seen.add(s.id);
    sites.push({
      id: s.id,
      latDeg: s.placement.latDeg,
      lonDeg: s.placement.lonDeg,
      cloud: s.placement.cloud,
      ...(s.region ? { provider: s.region.provider } : {}),
      origin: s.placement.origin,
    });
  }
  const links: MatrixInput['links'] = [];
  for (const l of design.links)
    if (l.between.length === 2)
      links.push({
        a: l.between[0]!.id,
        b: l.between[1]!.id,
        medium: l.medium,
        ...(l.routeKm !== undefined ? { routeKm: l.routeKm } : {}),
        ...(l.rttMs !== undefined ? { rttMs: l.rttMs } : {}),
      });
  return { format, assumptions, sites, links };
}

/** The design a worker rebuilds from MatrixInput: the same sites, in the same order, and links. */
function designOf(input: MatrixInput): Design {
  const d = emptyDesign('<matrix>');
  const loc = { file: '<matrix>', start: 0, end: 0 };
  for (const s of input.sites) {
    const site: Site = { id: s.id, idLoc: loc, loc, placement: { latDeg: s.latDeg, lonDeg: s.lonDeg, origin: s.origin, cloud: s.cloud } };
    if (s.provider) site.region = { provider: s.provider, code: '', loc };
    d.sites.set(s.id, site);
  }
  for (const l of input.links) {
    const link: Link = {
      name: '',
      loc,
      at: {},
      between: [
        { id: l.a, loc },
        { id: l.b, loc },
      ],
      medium: l.medium,
    };
    if (l.routeKm !== undefined) link.routeKm = l.routeKm;
    if (l.rttMs !== undefined) link.rttMs = l.rttMs;
    d.links.push(link);
  }
  return d;
}

/**
 * Contiguous ranges of source rows [from, to) of about `targetPairs` pairs each (a source's row is never
 * split). Blocks of about 1 MB of output: the main thread writes each while it is still in the cache
 * (600 MB written from 1 MB blocks cost 0.13 s of system time here, from 16 MB blocks 0.35 to 0.9 s).
 */
function splitRows(n: number, targetPairs: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    count += n - 1 - i;
    if (count >= targetPairs || i === n - 1) {
      out.push([start, i + 1]);
      start = i + 1;
      count = 0;
    }
  }
  return out;
}

/** Pairs per block: about 1 MB of output (rows of the generated designs: JSON 300 bytes, CSV and table 140). */
const blockPairs = (format: Format) => (format === 'json' ? 3_500 : 7_500);

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function header(format: Format): string {
  if (format === 'csv') return 'from,to,distanceKm,lowerBoundMs,estimateMs,estimateLowMs,estimateHighMs,measured,path,fromOrigin,toOrigin\n';
  if (format === 'json') return '[';
  return `${'from'.padEnd(12)} ${'to'.padEnd(12)} ${'km'.padStart(9)} ${'>= ms'.padStart(8)} ${'~ ms'.padStart(8)} ${'p10-p90 ms'.padStart(17)}  path\n`;
}

function footer(format: Format, sites: number): string {
  if (format === 'json') return sites > 1 ? '\n]\n' : ']\n';
  if (format === 'table')
    return '\n>= lower bound (light in fiber over the great circle); ~ estimate (* measured); p10-p90: 80 % of real RTTs fall in the band\n';
  return '';
}

/** "00".."99": two digits per division. */
const DIGIT_PAIRS = Buffer.from(Array.from({ length: 100 }, (_, k) => String(k).padStart(2, '0')).join(''), 'latin1');

/** Writes the decimal digits of a non-negative integer below 2^53 at `at`; returns the next index. */
function putUint(b: Uint8Array, at: number, v: number): number {
  if (v < 2147483648) {
    let x = v | 0;
    const end =
      at +
      (x < 10
        ? 1
        : x < 100
          ? 2
          : x < 1000
            ? 3
            : x < 10000
              ? 4
              : x < 100000
                ? 5
                : x < 1000000
                  ? 6
                  : x < 10000000
                    ? 7
                    : x < 100000000
                      ? 8
                      : x < 1000000000
                        ? 9
                        : 10);
    let p = end;
    while (x >= 100) {
      const q = (x / 100) | 0;
      const r = (x - q * 100) << 1;
      b[--p] = DIGIT_PAIRS[r + 1]!;
      b[--p] = DIGIT_PAIRS[r]!;
      x = q;
    }
    if (x >= 10) {
      b[--p] = DIGIT_PAIRS[(x << 1) + 1]!;
      b[--p] = DIGIT_PAIRS[x << 1]!;
    } else b[--p] = 48 + x;
    return end;
  }
  let digits = 1;
  for (let t = 10; t <= v && digits < 16; t *= 10) digits++;
  const end = at + digits;
  let p = end;
  do {
    const q = Math.floor(v / 10);
    b[--p] = 48 + (v - q * 10);
    v = q;
  } while (v > 0);
  return end;
}

/** Numbers the fast routines write exactly: non-negative, rounded to 0.01, below 1e13 (cents below 2^53). */
const plain = (x: number) => x >= 0 && x < 1e13;

/**
 * Writes a number already rounded to 0.01 (RttModel rounds every figure) as JSON.stringify and String do
 * (242.4, 78, 0.05): the digits of round(x * 100) without trailing zeros. x is the double nearest to
 * cents / 100, so x * 100 rounds back to the cents, and that decimal is also the shortest that reads back
 * as x. Other numbers: String(x). Returns the next index.
 */
function putNum2(b: Uint8Array, at: number, x: number): number {
  if (!plain(x)) return at + Buffer.from(String(x), 'latin1').copy(b, at);
  const cents = Math.round(x * 100);
  const int = Math.floor(cents / 100);
  const frac = (cents - int * 100) | 0;
  at = putUint(b, at, int);
  if (frac !== 0) {
    b[at++] = 46; // .
    if (frac % 10 === 0) b[at++] = 48 + frac / 10;
    else {
      b[at++] = DIGIT_PAIRS[frac << 1]!;
      b[at++] = DIGIT_PAIRS[(frac << 1) + 1]!;
    }
  }
  return at;
}

/**
 * Writes x.toFixed(digits) (0 or 2) for x already rounded to 0.01. toFixed(2) of the double nearest to
 * cents / 100 is those cents; toFixed(0) rounds half up, and x sits exactly on .5 only when its cents
 * end in 50. Other numbers: toFixed itself. Returns the next index.
 */
function putFixed(b: Uint8Array, at: number, x: number, digits: 0 | 2): number {
  if (!plain(x)) return at + Buffer.from(x.toFixed(digits), 'latin1').copy(b, at);
  const cents = Math.round(x * 100);
  const int = Math.floor(cents / 100);
  const frac = cents - int * 100;
  if (digits === 0) return putUint(b, at, frac >= 50 ? int + 1 : int);
  at = putUint(b, at, int);
  b[at++] = 46;
  b[at++] = DIGIT_PAIRS[frac << 1]!;
  b[at++] = DIGIT_PAIRS[(frac << 1) + 1]!;
  return at;
}

/** Moves b[from, to) right so that it ends at `end` (padStart with spaces); returns `end`. */
function padStart(b: Uint8Array, from: number, to: number, end: number): number {
  const shift = end - to;
  if (shift <= 0) return to;
  for (let k = to - 1; k >= from; k--) b[k + shift] = b[k]!;
  for (let k = from; k < from + shift; k++) b[k] = 32;
  return end;
}

/**
 * The text of every row, as byte pieces encoded once and copied per row. Per site: `head` (what a row
 * from it starts with), `to` (what follows in a row to it), `tail` (what follows the path in a row from
 * it), `end` (what ends a row to it) and `cell` (its id in a path). JSON: head `,\n{"from":"a","to":`,
 * to `"b","distanceKm":`, tail `],"fromOrigin":"…","toOrigin":`, end `"…"}`. CSV: head `a,`, to `b,`,
 * tail `,origin,`, end `origin\n`. Table: head `a           ` (padEnd 12, then a space), to likewise.
 */
interface Pieces {
  bytes: Uint8Array;
  view: DataView;
  /** per site, [start, end) in `bytes` of each piece: 5 pairs, in the order head, to, tail, end, cell */
  at: Int32Array;
  /** the longest of each piece (bytes): bounds a row */
  maxRow: number;
  maxCell: number;
}

const HEAD = 0;
const TO = 2;
const TAIL = 4;
const END = 6;
const CELL = 8;

function pieces(input: MatrixInput): Pieces {
  const { format, sites } = input;
  const json = (s: string) => JSON.stringify(s);
  const parts: string[][] = sites.map((s) => {
    if (format === 'json')
      return [
        `,\n{"from":${json(s.id)},"to":`,
        `${json(s.id)},"distanceKm":`,
        `],"fromOrigin":${json(s.origin)},"toOrigin":`,
        `${json(s.origin)}}`,
        json(s.id),
      ];
    if (format === 'csv') return [`${csvCell(s.id)},`, `${csvCell(s.id)},`, `,${csvCell(s.origin)},`, `${csvCell(s.origin)}\n`, csvCell(s.id)];
    return [`${s.id.padEnd(12)} `, `${s.id.padEnd(12)} `, '\n', '', s.id];
  });
  parts.push(CONSTANTS);
  const encoded = parts.map((p) => p.map((s) => Buffer.from(s, 'utf8')));
  const total = encoded.reduce((sum, p) => sum + p.reduce((t, b) => t + b.length, 0), 0);
  const bytes = Buffer.allocUnsafeSlow(total + 8);
  const at = new Int32Array(sites.length * 10 + CONSTANTS.length * 2);
  let pos = 0;
  const longest = [0, 0, 0, 0, 0];
  encoded.forEach((p, s) =>
    p.forEach((b, k) => {
      at[s * 10 + 2 * k] = pos;
      pos += b.copy(bytes, pos);
      at[s * 10 + 2 * k + 1] = pos;
      if (s < sites.length) longest[k] = Math.max(longest[k]!, b.length);
    }),
  );
  // the pieces of two sites, five numbers (String of a double: at most 25 characters, a table column's
  // padding at most 17), the longest key run and the separators
  const [head, to, tail, end] = longest as [number, number, number, number];
  return { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.length), at, maxRow: head + to + tail + end + 5 * 27 + 200, maxCell: longest[4]! };
}

/** Pieces every row shares, after the sites' in Pieces.bytes (index: Pieces.at from sites * 10 on). */
const CONSTANTS = [
  ',"lowerBoundMs":',
  ',"estimateMs":',
  ',"estimateLowMs":',
  ',"estimateHighMs":',
  ',"measured":true,"path":[',
  ',"measured":false,"path":[',
  ',true,',
  ',false,',
  'measured',
];
const LOWER_BOUND = 0;
const ESTIMATE = 2;
const ESTIMATE_LOW = 4;
const ESTIMATE_HIGH = 6;
const JSON_MEASURED = 8;
const JSON_ESTIMATED = 10;
const CSV_MEASURED = 12;
const CSV_ESTIMATED = 14;
const TABLE_MEASURED = 16;

/**
 * Copies src[s, e) to b at `at` (`dst` views b, `from` views src), four bytes at a time and the last four
 * again (overlapping) rather than a byte loop: 3x a byte loop for pieces of 6 to 40 bytes; a native copy
 * per piece costs more than either. Returns the next index.
 */
function copy(dst: DataView, b: Uint8Array, at: number, from: DataView, src: Uint8Array, s: number, e: number): number {
  const end = at + e - s;
  if (e - s < 4) {
    while (s < e) b[at++] = src[s++]!;
    return end;
  }
  for (; s + 4 < e; s += 4, at += 4) dst.setUint32(at, from.getUint32(s, true), true);
  dst.setUint32(end - 4, from.getUint32(e - 4, true), true);
  return end;
}

/**
 * Beyond this many bytes of paths from one source, rows walk their paths instead (a long chain of links).
 * DCI_LINT_MATRIX_PATH_BYTES=N lowers it, for the test that compares both ways.
 */
const PATH_ARENA_MAX = Math.min(32 << 20, Number(process.env.DCI_LINT_MATRIX_PATH_BYTES) || Infinity);

/**
 * The bytes of the paths from one source over its shortest-path tree, each built once from its
 * predecessor's (the path to j is the path to prev[j], a separator and j's cell) and copied whole into
 * every row: rows of the generated 2,000-site design cross 10 sites on average.
 */
class PathArena {
  bytes = Buffer.allocUnsafeSlow(1 << 16);
  view = new DataView(this.bytes.buffer);
  /** per site: its path's bytes are [start, end) when stamp is the current source's */
  readonly start: Int32Array;
  readonly end: Int32Array;
  private readonly stamp: Int32Array;
  private readonly stack: Int32Array;
  private length = 0;
  private source = -1;
  private prev: Int32Array = new Int32Array(0);

  constructor(
    n: number,
    private readonly p: Pieces,
    private readonly sep: Uint8Array,
  ) {
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.stamp = new Int32Array(n).fill(-1);
    this.stack = new Int32Array(n + 1);
  }

  /** A new source and its predecessors (RttModel.predecessorsFrom): forgets the previous paths. */
  from(source: number, prev: Int32Array): void {
    this.source = source;
    this.prev = prev;
    this.length = 0;
  }

  /** Makes the path to `j` available as bytes [start[j], end[j]); false when it would pass PATH_ARENA_MAX. */
  has(j: number): boolean {
    const { stamp, stack, prev, source } = this;
    let top = 0;
    let u = j;
    while (u !== -1 && stamp[u] !== source && top < stack.length) {
      stack[top++] = u;
      if (u === source) break;
      u = prev[u]!;
    }
    const { bytes: pieceBytes, view: pieceView, at: piece } = this.p;
    while (top > 0) {
      const v = stack[--top]!;
      const parent = v === source ? -1 : prev[v]!;
      const cs = piece[v * 10 + CELL]!;
      const ce = piece[v * 10 + CELL + 1]!;
      const head = parent === -1 || stamp[parent] !== source ? 0 : this.end[parent]! - this.start[parent]! + this.sep.length;
      const need = head + ce - cs;
      if (this.length + need > PATH_ARENA_MAX) return false;
      if (this.length + need > this.bytes.length) {
        const bigger = Buffer.allocUnsafeSlow(Math.min(PATH_ARENA_MAX, Math.max(this.bytes.length * 2, this.length + need)));
        this.bytes.copy(bigger, 0, 0, this.length);
        this.bytes = bigger;
        this.view = new DataView(bigger.buffer);
      }
      const b = this.bytes;
      let at = this.length;
      this.start[v] = at;
      if (head > 0) {
        at = copy(this.view, b, at, this.view, b, this.start[parent]!, this.end[parent]!);
        for (let k = 0; k < this.sep.length; k++) b[at++] = this.sep[k]!;
      }
      at = copy(this.view, b, at, pieceView, pieceBytes, cs, ce);
      this.end[v] = at;
      this.length = at;
      stamp[v] = source;
    }
    return stamp[j] === source;
  }
}

/** A block of rows: its bytes are buf[0, length). `buf` may be a buffer handed back for reuse. */
export interface RowBytes {
  buf: Buffer;
  length: number;
}

/** Formats the rows of one range of sources; one per thread. */
export class MatrixFormatter {
  private readonly model: RttModel;
  private readonly p: Pieces;
  private readonly f = newFigures();
  /** the sites of one path, last first */
  private readonly hops: Int32Array;
  private readonly arena: PathArena;
  /** bytes per row so far: sizes the next block's buffer */
  private rowsDone = 0;
  private bytesDone = 0;

  /** CSV: some id needs quoting, so every path cell is built as text and quoted when needed. */
  private readonly quotedIds: boolean;

  constructor(private readonly input: MatrixInput) {
    this.model = new RttModel(designOf(input), input.assumptions, { memoize: false, fastDistance: true });
    this.p = pieces(input);
    this.hops = new Int32Array(input.sites.length + 1);
    this.arena = new PathArena(input.sites.length, this.p, Buffer.from(input.format === 'json' ? ',' : input.format === 'csv' ? ' ' : ' > '));
    this.quotedIds = input.format === 'csv' && input.sites.some((s) => csvCell(s.id) !== s.id);
  }

  /** A buffer for `pairs` rows: about the bytes per row seen so far, with room to spare. */
  sizeFor(pairs: number): number {
    const perRow = this.rowsDone > 0 ? this.bytesDone / this.rowsDone : 300;
    return Math.ceil(pairs * perRow * 1.1) + this.p.maxRow + 4096;
  }

  /**
   * Every pair (i, j > i) for sources i in [from, to): written into `reuse` when it is large enough for
   * the block's estimated size, else into a new buffer (either grows when a row would not fit). The bytes
   * do not depend on the buffer or on which thread formats them.
   */
  rows(from: number, to: number, reuse?: Buffer): RowBytes {
    const n = this.input.sites.length;
    let pairs = 0;
    for (let i = from; i < to; i++) pairs += n - 1 - i;
    const need = this.sizeFor(pairs);
    let b = reuse && reuse.length >= need ? reuse : Buffer.allocUnsafeSlow(Math.ceil((need * 1.25) / 65536) * 65536);
    let dv = new DataView(b.buffer, b.byteOffset, b.length);
    let at = 0;
    const { format } = this.input;
    const f = this.f;
    const { bytes, view, at: piece, maxRow, maxCell } = this.p;
    const c = this.input.sites.length * 10; // the constants' pieces
    const hops = this.hops;
    const json = format === 'json';
    const csv = format === 'csv';
    const sep = json ? 44 : 32; // table: ' > '
    const sepLen = format === 'table' ? 3 : 1;
    const arena = this.arena;
    for (let i = from; i < to; i++) {
      const prev = this.model.predecessorsFrom(i);
      if (prev !== undefined) arena.from(i, prev);
      const hi = i * 10;
      for (let j = i + 1; j < n; j++) {
        this.model.figuresAt(i, j, f);
        // the path: over links when the figures come from them (from the arena, or walked, last site
        // first, when the arena is full), else the pair itself
        let k = 0;
        let pathBytes = 0;
        const routed = prev !== undefined && (f.basis === 'links' || f.basis === 'measured');
        if (routed && !this.quotedIds && arena.has(j)) pathBytes = arena.end[j]! - arena.start[j]!;
        else if (routed) for (let u = j; u !== -1 && k < hops.length; u = prev[u]!) hops[k++] = u;
        else {
          hops[0] = j;
          hops[1] = i;
          k = 2;
        }
        const rowMax = maxRow + pathBytes + k * (maxCell + sepLen);
        if (at + rowMax > b.length) {
          const bigger = Buffer.allocUnsafeSlow(Math.max(b.length * 2, at + rowMax));
          b.copy(bigger, 0, 0, at);
          b = bigger;
          dv = new DataView(b.buffer, b.byteOffset, b.length);
        }
        if (this.quotedIds) {
          at += Buffer.from(this.csvRow(i, j, hops, k), 'utf8').copy(b, at);
          continue;
        }
        const hj = j * 10;
        // head of i (JSON: without its comma on the first row), then to of j
        at = copy(dv, b, at, view, bytes, piece[hi + HEAD]! + (json && i === 0 && j === 1 ? 1 : 0), piece[hi + HEAD + 1]!);
        at = copy(dv, b, at, view, bytes, piece[hj + TO]!, piece[hj + TO + 1]!);
        if (json) {
          at = putNum2(b, at, f.distanceKm);
          at = copy(dv, b, at, view, bytes, piece[c + LOWER_BOUND]!, piece[c + LOWER_BOUND + 1]!);
          at = putNum2(b, at, f.lowerBoundMs);
          at = copy(dv, b, at, view, bytes, piece[c + ESTIMATE]!, piece[c + ESTIMATE + 1]!);
          at = putNum2(b, at, f.rttMs);
          at = copy(dv, b, at, view, bytes, piece[c + ESTIMATE_LOW]!, piece[c + ESTIMATE_LOW + 1]!);
          at = putNum2(b, at, f.estimateLowMs);
          at = copy(dv, b, at, view, bytes, piece[c + ESTIMATE_HIGH]!, piece[c + ESTIMATE_HIGH + 1]!);
          at = putNum2(b, at, f.estimateHighMs);
          const m = c + (f.measured ? JSON_MEASURED : JSON_ESTIMATED);
          at = copy(dv, b, at, view, bytes, piece[m]!, piece[m + 1]!);
        } else if (csv) {
          at = putNum2(b, at, f.distanceKm);
          b[at++] = 44;
          at = putNum2(b, at, f.lowerBoundMs);
          b[at++] = 44;
          at = putNum2(b, at, f.rttMs);
          b[at++] = 44;
          at = putNum2(b, at, f.estimateLowMs);
          b[at++] = 44;
          at = putNum2(b, at, f.estimateHighMs);
          const m = c + (f.measured ? CSV_MEASURED : CSV_ESTIMATED);
          at = copy(dv, b, at, view, bytes, piece[m]!, piece[m + 1]!);
        } else at = this.tableFigures(b, at);
        if (pathBytes > 0) at = copy(dv, b, at, arena.view, arena.bytes, arena.start[j]!, arena.end[j]!);
        for (let h = k - 1; h >= 0; h--) {
          const cell = hops[h]! * 10 + CELL;
          at = copy(dv, b, at, view, bytes, piece[cell]!, piece[cell + 1]!);
          if (h > 0) {
            if (sepLen === 1) b[at++] = sep;
            else {
              b[at++] = 32;
              b[at++] = 62;
              b[at++] = 32;
            }
          }
        }
        at = copy(dv, b, at, view, bytes, piece[hi + TAIL]!, piece[hi + TAIL + 1]!);
        at = copy(dv, b, at, view, bytes, piece[hj + END]!, piece[hj + END + 1]!);
      }
    }
    this.rowsDone += pairs;
    this.bytesDone += at;
    return { buf: b, length: at };
  }

  /** The table's figure columns of the current pair: `km >= ms ~ ms p10-p90  ` as tableRow wrote them. */
  private tableFigures(b: Uint8Array, at: number): number {
    const f = this.f;
    let start = at;
    at = padStart(b, start, putFixed(b, at, f.distanceKm, 0), start + 9);
    b[at++] = 32;
    start = at;
    at = padStart(b, start, putFixed(b, at, f.lowerBoundMs, 2), start + 8);
    b[at++] = 32;
    start = at;
    at = putFixed(b, at, f.rttMs, 2);
    if (f.measured) b[at++] = 42; // *
    at = padStart(b, start, at, start + 8);
    b[at++] = 32;
    start = at;
    if (f.measured) {
      const m = this.input.sites.length * 10 + TABLE_MEASURED;
      for (let s = this.p.at[m]!; s < this.p.at[m + 1]!; s++) b[at++] = this.p.bytes[s]!;
    } else {
      at = putFixed(b, at, f.estimateLowMs, 2);
      b[at++] = 45; // -
      at = putFixed(b, at, f.estimateHighMs, 2);
    }
    at = padStart(b, start, at, start + 17);
    b[at++] = 32;
    b[at++] = 32;
    return at;
  }

  /** A CSV row when some id needs quoting: the path is one cell, quoted as a whole. */
  private csvRow(i: number, j: number, hops: Int32Array, k: number): string {
    const f = this.f;
    const s = this.input.sites;
    const ids: string[] = [];
    for (let h = k - 1; h >= 0; h--) ids.push(s[hops[h]!]!.id);
    return `${csvCell(s[i]!.id)},${csvCell(s[j]!.id)},${f.distanceKm},${f.lowerBoundMs},${f.rttMs},${f.estimateLowMs},${f.estimateHighMs},${f.measured},${csvCell(ids.join(' '))},${csvCell(s[i]!.origin)},${csvCell(s[j]!.origin)}\n`;
  }
}

function write(text: string | Uint8Array): Promise<void> {
  if (text.length === 0) return Promise.resolve();
  return new Promise((resolveWrite, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolveWrite())));
}

/** About 640 sites of YAML and more: enough pairs that worker threads pay off. */
function isLargeFile(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && st.size >= 150_000;
  } catch {
    return false;
  }
}

function startWorkers(count: number): Worker[] {
  return Array.from({ length: Math.max(0, count) }, () => new Worker(__filename, { workerData: { dciLintMatrix: true } }));
}

/**
 * Sends the sites to the workers, hands them blocks as they finish and writes the results in block order.
 * A block's buffer goes to the main thread and, once written, back to its worker for a later block: no
 * fresh memory per block (600 MB of new pages cost more than the formatting).
 */
async function runWorkers(input: MatrixInput, blocks: Array<[number, number]>, workers: Worker[]): Promise<void> {
  const count = workers.length;
  const done = new Map<number, { bytes: Uint8Array; worker: Worker }>();
  const stopped = new Set<Worker>();
  let nextToSend = 0;
  let nextToWrite = 0;
  let writing = Promise.resolve();
  const giveBack = (worker: Worker, bytes: Uint8Array) => {
    if (!stopped.has(worker)) worker.postMessage({ free: bytes.buffer }, [bytes.buffer as ArrayBuffer]);
  };
  const flush = () => {
    while (done.has(nextToWrite)) {
      const { bytes, worker } = done.get(nextToWrite)!;
      done.delete(nextToWrite++);
      writing = writing.then(() => write(bytes)).then(() => giveBack(worker, bytes));
    }
  };
  await new Promise<void>((resolveAll, reject) => {
    let alive = count;
    for (const worker of workers) {
      worker.postMessage({ input });
      const send = () => {
        if (nextToSend < blocks.length) {
          const b = nextToSend++;
          worker.postMessage({ block: b, from: blocks[b]![0], to: blocks[b]![1] });
        } else {
          stopped.add(worker);
          void worker.terminate();
          if (--alive === 0) resolveAll();
        }
      };
      worker.on('message', (m: { block: number; bytes: Uint8Array }) => {
        done.set(m.block, { bytes: m.bytes, worker });
        flush();
        // backpressure: when stdout lags, wait for it before computing more
        if (nextToSend - nextToWrite > 2 * count) void writing.then(send, reject);
        else send();
      });
      worker.on('error', reject);
      send();
    }
  });
  flush();
  await writing;
}

/**
 * The worker side: called by the CLI's entry point when it runs as a matrix worker. First the sites, then
 * blocks to format, and buffers the main thread has written and hands back.
 */
export function runMatrixWorker(port: import('node:worker_threads').MessagePort): void {
  let m: MatrixFormatter | undefined;
  const free: Buffer[] = [];
  port.on('message', (msg: { input: MatrixInput } | { free: ArrayBuffer } | { block: number; from: number; to: number }) => {
    if ('input' in msg) {
      m = new MatrixFormatter(msg.input);
      return;
    }
    if ('free' in msg) {
      free.push(Buffer.from(msg.free));
      return;
    }
    const { block, from, to } = msg;
    const { buf, length } = m!.rows(from, to, free.pop());
    // transfer the block's memory, not a copy (allocUnsafeSlow: the buffer owns its ArrayBuffer)
    port.postMessage({ block, bytes: new Uint8Array(buf.buffer, buf.byteOffset, length) }, [buf.buffer as ArrayBuffer]);
  });
}
