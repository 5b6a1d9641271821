// `dci-lint matrix FILE|FOLDER`: the RTT figures for every unordered pair of placed sites, in file order.
//
// 2,000 sites are 1,999,000 rows (about 450 MB of JSON), so the output is streamed in blocks of rows and
// never held whole; distances come from the fast Andoyer-Lambert formula (bounds less its error bound, see
// geo/geodesic.ts); above WORKER_MIN_PAIRS the blocks are computed by worker threads (one per core), each
// with its own RttModel built from the same sites and links, and written in order by the main thread.

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
import { discover, findConfig, isTerraform, loadConfigFile, readText } from './files';
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
  const blocks = splitRows(n, pairs);
  const count = workerCount(pairs, blocks.length);
  const workers = count > 1 ? [...early.slice(0, count), ...startWorkers(count - early.length)] : [];
  for (const w of early.slice(workers.length)) void w.terminate();
  await write(header(input.format));
  if (workers.length > 1) await runWorkers(input, blocks, workers);
  else {
    const m = new MatrixFormatter(input);
    for (const [from, to] of blocks) await write(m.rows(from, to));
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
    const module = files.map((f) => ({ file: resolve(f), text: readText(resolve(f)) }));
    const result = lintTerraformModule(module, { config, ...(topology ? { topology } : {}) });
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

function matrixInput(design: Design, assumptions: Assumptions, format: Format): MatrixInput {
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

/** Contiguous ranges of source rows [from, to) of about equal pair counts: enough to keep every worker busy. */
function splitRows(n: number, pairs: number): Array<[number, number]> {
  const target = Math.max(20_000, Math.ceil(pairs / 64));
  const out: Array<[number, number]> = [];
  let start = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    count += n - 1 - i;
    if (count >= target || i === n - 1) {
      out.push([start, i + 1]);
      start = i + 1;
      count = 0;
    }
  }
  return out;
}

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

/** Copies `src` into `b` at `at`; returns the next index. The caller has made room. */
function put(b: Uint8Array, at: number, src: Uint8Array): number {
  const n = src.length;
  if (n > 32) {
    b.set(src, at);
    return at + n;
  }
  for (let k = 0; k < n; k++) b[at + k] = src[k]!;
  return at + n;
}

/**
 * Writes a non-negative number already rounded to 0.01 as JSON.stringify does (242.4, 78, 0.05): the
 * digits of round(x * 100) without trailing zeros. Returns the next index.
 */
function putNum2(b: Uint8Array, at: number, x: number): number {
  if (!(x >= 0 && x < 1e13)) return put(b, at, Buffer.from(String(x), 'latin1'));
  const cents = Math.round(x * 100);
  let int = Math.floor(cents / 100);
  const frac = cents - int * 100;
  let digits = 1;
  for (let t = int; t >= 10; t = Math.floor(t / 10)) digits++;
  let p = at + digits;
  const end = p;
  do {
    b[--p] = 48 + (int % 10);
    int = Math.floor(int / 10);
  } while (int > 0);
  at = end;
  if (frac !== 0) {
    b[at++] = 46;
    b[at++] = 48 + Math.floor(frac / 10);
    if (frac % 10 !== 0) b[at++] = 48 + (frac % 10);
  }
  return at;
}

/** Bytes of one block of rows, written in place: no string per row (2 million rows made GC the main cost). */
class ByteWriter {
  buf: Buffer;
  len = 0;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + extra));
    bigger.set(this.buf.subarray(0, this.len));
    this.buf = bigger;
  }

  /** Text: punctuation and the table's lines. */
  text(s: string): void {
    this.bytes(Buffer.from(s, 'utf8'));
  }

  /** Pre-encoded bytes (ids, keys): a plain loop for short ones, cheaper than a native call. */
  bytes(src: Uint8Array): void {
    const n = src.length;
    this.ensure(n);
    const b = this.buf;
    let at = this.len;
    if (n < 24) for (let k = 0; k < n; k++) b[at++] = src[k]!;
    else {
      b.set(src, at);
      at += n;
    }
    this.len = at;
  }
}

const ascii = (s: string) => Buffer.from(s, 'latin1');
const K = {
  firstRow: ascii('\n{"from":'),
  row: ascii(',\n{"from":'),
  to: ascii(',"to":'),
  distanceKm: ascii(',"distanceKm":'),
  lowerBoundMs: ascii(',"lowerBoundMs":'),
  estimateMs: ascii(',"estimateMs":'),
  estimateLowMs: ascii(',"estimateLowMs":'),
  estimateHighMs: ascii(',"estimateHighMs":'),
  measuredPath: ascii(',"measured":true,"path":['),
  estimatedPath: ascii(',"measured":false,"path":['),
  fromOrigin: ascii('],"fromOrigin":'),
  toOrigin: ascii(',"toOrigin":'),
  csvMeasured: ascii(',true,'),
  csvEstimated: ascii(',false,'),
};

/** Formats the rows of one range of sources; one per thread. */
export class MatrixFormatter {
  private readonly model: RttModel;
  /** per site: its id as a JSON string / CSV cell (bytes), and its origin likewise */
  private readonly cell: Buffer[];
  private readonly origin: Buffer[];
  private readonly sep: Uint8Array;
  private readonly f = newFigures();
  private readonly hops: Int32Array;

  constructor(private readonly input: MatrixInput) {
    this.model = new RttModel(designOf(input), input.assumptions, { memoize: false, fastDistance: true });
    const { format } = input;
    const enc = (s: string) => Buffer.from(format === 'json' ? JSON.stringify(s) : format === 'csv' ? csvCell(s) : s, 'utf8');
    this.cell = input.sites.map((s) => enc(s.id));
    this.origin = input.sites.map((s) => enc(s.origin));
    this.sep = Buffer.from(format === 'json' ? ',' : format === 'csv' ? ' ' : ' > ');
    this.hops = new Int32Array(input.sites.length + 1);
    this.quotedIds = format === 'csv' && this.cell.some((c) => c[0] === 34);
    this.maxCell = this.cell.reduce((m, c) => Math.max(m, c.length), 0);
  }

  /** the longest id cell (bytes): bounds a path's length */
  private readonly maxCell: number;

  /** CSV: some id needs quoting, so every path cell is built as text and quoted when needed. */
  private readonly quotedIds: boolean;

  /** Every pair (i, j > i) for sources i in [from, to): the bytes of those rows. */
  rows(from: number, to: number): Buffer {
    const { format } = this.input;
    if (format === 'table' || (format === 'csv' && this.quotedIds)) return this.rowsAsText(from, to);
    const n = this.input.sites.length;
    const f = this.f;
    const cell = this.cell;
    const origin = this.origin;
    const sep = this.sep[0]!;
    const hops = this.hops;
    const json = format === 'json';
    // Written in place with a local buffer and index: method calls per field cost more than the bytes.
    let b = Buffer.allocUnsafe(1 << 22);
    let at = 0;
    for (let i = from; i < to; i++) {
      const prev = this.model.predecessorsFrom(i);
      for (let j = i + 1; j < n; j++) {
        this.model.figuresAt(i, j, f);
        const k = this.hopsOf(i, j, prev !== undefined && (f.basis === 'links' || f.basis === 'measured') ? prev : undefined);
        const need = 256 + origin[i]!.length + origin[j]!.length + k * (this.maxCell + 1);
        if (at + need > b.length) {
          const bigger = Buffer.allocUnsafe(Math.max(b.length * 2, at + need));
          bigger.set(b.subarray(0, at));
          b = bigger;
        }
        if (json) {
          at = put(b, at, i === 0 && j === 1 ? K.firstRow : K.row);
          at = put(b, at, cell[i]!);
          at = put(b, at, K.to);
          at = put(b, at, cell[j]!);
          at = put(b, at, K.distanceKm);
          at = putNum2(b, at, f.distanceKm);
          at = put(b, at, K.lowerBoundMs);
          at = putNum2(b, at, f.lowerBoundMs);
          at = put(b, at, K.estimateMs);
          at = putNum2(b, at, f.rttMs);
          at = put(b, at, K.estimateLowMs);
          at = putNum2(b, at, f.estimateLowMs);
          at = put(b, at, K.estimateHighMs);
          at = putNum2(b, at, f.estimateHighMs);
          at = put(b, at, f.measured ? K.measuredPath : K.estimatedPath);
        } else {
          at = put(b, at, cell[i]!);
          b[at++] = 44;
          at = put(b, at, cell[j]!);
          b[at++] = 44;
          at = putNum2(b, at, f.distanceKm);
          b[at++] = 44;
          at = putNum2(b, at, f.lowerBoundMs);
          b[at++] = 44;
          at = putNum2(b, at, f.rttMs);
          b[at++] = 44;
          at = putNum2(b, at, f.estimateLowMs);
          b[at++] = 44;
          at = putNum2(b, at, f.estimateHighMs);
          at = put(b, at, f.measured ? K.csvMeasured : K.csvEstimated);
        }
        for (let h = 0; h < k; h++) {
          if (h > 0) b[at++] = sep;
          at = put(b, at, cell[hops[h]!]!);
        }
        if (json) {
          at = put(b, at, K.fromOrigin);
          at = put(b, at, origin[i]!);
          at = put(b, at, K.toOrigin);
          at = put(b, at, origin[j]!);
          b[at++] = 125; // }
        } else {
          b[at++] = 44;
          at = put(b, at, origin[i]!);
          b[at++] = 44;
          at = put(b, at, origin[j]!);
          b[at++] = 10;
        }
      }
    }
    return b.subarray(0, at);
  }

  /** The table, and CSV whose ids need quoting: built as text (people's sizes, not millions of rows). */
  private rowsAsText(from: number, to: number): Buffer {
    const n = this.input.sites.length;
    const f = this.f;
    const w = new ByteWriter(1 << 20);
    for (let i = from; i < to; i++) {
      const prev = this.model.predecessorsFrom(i);
      for (let j = i + 1; j < n; j++) {
        this.model.figuresAt(i, j, f);
        const routed = prev !== undefined && (f.basis === 'links' || f.basis === 'measured') ? prev : undefined;
        if (this.input.format === 'table') {
          w.text(this.tableRow(i, j, routed));
          continue;
        }
        const s = this.input.sites;
        w.text(
          `${csvCell(s[i]!.id)},${csvCell(s[j]!.id)},${f.distanceKm},${f.lowerBoundMs},${f.rttMs},${f.estimateLowMs},${f.estimateHighMs},${f.measured},${csvCell(this.pathText(i, j, routed, ' '))},${csvCell(s[i]!.origin)},${csvCell(s[j]!.origin)}\n`,
        );
      }
    }
    return w.buf.subarray(0, w.len);
  }

  /** The sites of the path from i to j: over links when `prev` is given, else the direct pair. */
  private hopsOf(i: number, j: number, prev: Int32Array | undefined): number {
    if (!prev) {
      this.hops[0] = i;
      this.hops[1] = j;
      return 2;
    }
    const hops = this.hops;
    let k = 0;
    for (let u = j; u !== -1 && k < hops.length; u = prev[u]!) hops[k++] = u;
    for (let a = 0, z = k - 1; a < z; a++, z--) {
      const t = hops[a]!;
      hops[a] = hops[z]!;
      hops[z] = t;
    }
    return k;
  }

  private path(w: ByteWriter, i: number, j: number, prev: Int32Array | undefined): void {
    const k = this.hopsOf(i, j, prev);
    for (let h = 0; h < k; h++) {
      if (h > 0) w.bytes(this.sep);
      w.bytes(this.cell[this.hops[h]!]!);
    }
  }

  private pathText(i: number, j: number, prev: Int32Array | undefined, sep: string): string {
    const k = this.hopsOf(i, j, prev);
    const ids: string[] = [];
    for (let h = 0; h < k; h++) ids.push(this.input.sites[this.hops[h]!]!.id);
    return ids.join(sep);
  }

  private tableRow(i: number, j: number, prev: Int32Array | undefined): string {
    const f = this.f;
    const s = this.input.sites;
    const band = f.measured ? 'measured' : `${f.estimateLowMs.toFixed(2)}-${f.estimateHighMs.toFixed(2)}`;
    return `${s[i]!.id.padEnd(12)} ${s[j]!.id.padEnd(12)} ${f.distanceKm.toFixed(0).padStart(9)} ${f.lowerBoundMs.toFixed(2).padStart(8)} ${(f.rttMs.toFixed(2) + (f.measured ? '*' : '')).padStart(8)} ${band.padStart(17)}  ${this.pathText(i, j, prev, ' > ')}\n`;
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

/** Sends the sites to the workers, hands them blocks as they finish and writes the results in block order. */
async function runWorkers(input: MatrixInput, blocks: Array<[number, number]>, workers: Worker[]): Promise<void> {
  const count = workers.length;
  const done = new Map<number, Uint8Array>();
  let nextToSend = 0;
  let nextToWrite = 0;
  let writing = Promise.resolve();
  const flush = () => {
    while (done.has(nextToWrite)) {
      const buf = done.get(nextToWrite)!;
      done.delete(nextToWrite++);
      writing = writing.then(() => write(buf));
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
          void worker.terminate();
          if (--alive === 0) resolveAll();
        }
      };
      worker.on('message', (m: { block: number; buf: Uint8Array }) => {
        done.set(m.block, m.buf);
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

/** The worker side: called by the CLI's entry point when it runs as a matrix worker. First the sites, then blocks. */
export function runMatrixWorker(port: import('node:worker_threads').MessagePort): void {
  let m: MatrixFormatter | undefined;
  port.on('message', (msg: { input: MatrixInput } | { block: number; from: number; to: number }) => {
    if ('input' in msg) {
      m = new MatrixFormatter(msg.input);
      return;
    }
    const { block, from, to } = msg;
    const buf = m!.rows(from, to);
    // transfer the block's memory, not a copy (allocUnsafe of 1 MB and more is never pooled)
    port.postMessage({ block, buf: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) }, [buf.buffer as ArrayBuffer]);
  });
}
