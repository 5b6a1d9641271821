// `dci-lint matrix FILE|FOLDER`: the RTT figures for every unordered pair of placed sites, in file order.
//
// 2,000 sites are 1,999,000 rows (about 450 MB of JSON), so the output is streamed in blocks of rows and
// never held whole; distances come from the fast Andoyer-Lambert formula (bounds less its error bound, see
// geo/geodesic.ts); above WORKER_MIN_PAIRS the blocks are computed by worker threads (one per core), each
// with its own RttModel built from the same sites and links, and written in order by the main thread.

import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import {
  defaultConfig,
  emptyDesign,
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
import { initTerraform, lintTerraformModule } from '../core/terraform';
import { UsageError } from './errors';
import { discover, findConfig, isTerraform, loadConfigFile } from './files';
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
  const { design, config } = await loadDesign(positionals[0]!);
  const input = matrixInput(design, resolveAssumptions(design, config.assumptions), format as Format);
  const n = input.sites.length;
  const pairs = (n * (n - 1)) / 2;
  const blocks = splitRows(n, pairs);
  const workers = pairs >= WORKER_MIN_PAIRS ? Math.min(availableParallelism(), 4, blocks.length) : 0;
  await write(header(input.format));
  if (workers > 1) await runWorkers(input, blocks, workers);
  else {
    const m = new MatrixFormatter(input);
    for (const [from, to] of blocks) await write(m.rows(from, to));
  }
  await write(footer(input.format, n));
  return 0;
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
    const module = files.map((f) => ({ file: resolve(f), text: readFileSync(resolve(f), 'utf8') }));
    const result = lintTerraformModule(module, { config, ...(topology ? { topology } : {}) });
    const design = result.designs[0];
    if (!design) {
      const first = result.findings.find((f) => f.severity === 'error');
      throw new UsageError(`${path}: no sites could be read from the Terraform module${first ? `: ${first.message}` : ''}.`);
    }
    return { design, config };
  }
  const text = readFileSync(abs, 'utf8');
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
  for (const s of design.sites.values()) {
    if (!s.placement || sites.some((x) => x.id === s.id)) continue;
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

/** Formats the rows of one range of sources; one per thread. */
export class MatrixFormatter {
  private readonly model: RttModel;
  private readonly cell: string[];
  private readonly origin: string[];
  private readonly sep: string;
  private readonly f = newFigures();

  constructor(private readonly input: MatrixInput) {
    this.model = new RttModel(designOf(input), input.assumptions, { memoize: false, fastDistance: true });
    const { format } = input;
    // ids and origins formatted once: millions of rows
    this.cell = input.sites.map((s) => (format === 'json' ? JSON.stringify(s.id) : format === 'csv' ? csvCell(s.id) : s.id));
    this.origin = input.sites.map((s) => (format === 'json' ? JSON.stringify(s.origin) : csvCell(s.origin)));
    this.sep = format === 'json' ? ',' : format === 'csv' ? ' ' : ' > ';
  }

  /** Every pair (i, j > i) for sources i in [from, to): the text of those rows. */
  rows(from: number, to: number): string {
    const { format } = this.input;
    const n = this.input.sites.length;
    const cell = this.cell;
    const f = this.f;
    let out = '';
    for (let i = from; i < to; i++) {
      // paths over declared links from i, formatted once per target (prefixes shared)
      const prev = this.model.predecessorsFrom(i);
      const paths = prev ? new Array<string | undefined>(n) : undefined;
      const pathOf = (k: number): string => {
        let p = paths![k];
        if (p === undefined) {
          const stack: number[] = [];
          let u = k;
          while (paths![u] === undefined && u !== i && prev![u]! >= 0) {
            stack.push(u);
            u = prev![u]!;
          }
          if (paths![u] === undefined) paths![u] = cell[u]!;
          for (let s = stack.length - 1; s >= 0; s--) paths![stack[s]!] = `${paths![prev![stack[s]!]!]!}${this.sep}${cell[stack[s]!]!}`;
          p = paths![k]!;
        }
        return p;
      };
      for (let j = i + 1; j < n; j++) {
        this.model.figuresAt(i, j, f);
        const path = prev && (f.basis === 'links' || f.basis === 'measured') ? pathOf(j) : `${cell[i]}${this.sep}${cell[j]}`;
        if (format === 'json') {
          // Hand-built, same as JSON.stringify of the row.
          out += `${i === 0 && j === 1 ? '\n' : ',\n'}{"from":${cell[i]},"to":${cell[j]},"distanceKm":${f.distanceKm},"lowerBoundMs":${f.lowerBoundMs},"estimateMs":${f.rttMs},"estimateLowMs":${f.estimateLowMs},"estimateHighMs":${f.estimateHighMs},"measured":${f.measured},"path":[${path}],"fromOrigin":${this.origin[i]},"toOrigin":${this.origin[j]}}`;
        } else if (format === 'csv') {
          out += `${cell[i]},${cell[j]},${f.distanceKm},${f.lowerBoundMs},${f.rttMs},${f.estimateLowMs},${f.estimateHighMs},${f.measured},${csvCell(path)},${this.origin[i]},${this.origin[j]}\n`;
        } else {
          const band = f.measured ? 'measured' : `${f.estimateLowMs.toFixed(2)}-${f.estimateHighMs.toFixed(2)}`;
          out += `${cell[i]!.padEnd(12)} ${cell[j]!.padEnd(12)} ${f.distanceKm.toFixed(0).padStart(9)} ${f.lowerBoundMs.toFixed(2).padStart(8)} ${(f.rttMs.toFixed(2) + (f.measured ? '*' : '')).padStart(8)} ${band.padStart(17)}  ${path}\n`;
        }
      }
    }
    return out;
  }
}

function write(text: string | Uint8Array): Promise<void> {
  if (text.length === 0) return Promise.resolve();
  return new Promise((resolveWrite, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolveWrite())));
}

/** Hands blocks to `count` workers as they finish and writes the results in block order. */
async function runWorkers(input: MatrixInput, blocks: Array<[number, number]>, count: number): Promise<void> {
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
    for (let w = 0; w < count; w++) {
      const worker = new Worker(__filename, { workerData: { dciLintMatrix: input } });
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

/** The worker side: called by the CLI's entry point when it runs as a matrix worker. */
export function runMatrixWorker(input: MatrixInput, port: import('node:worker_threads').MessagePort): void {
  const m = new MatrixFormatter(input);
  port.on('message', ({ block, from, to }: { block: number; from: number; to: number }) => {
    const buf = Buffer.from(m.rows(from, to), 'utf8');
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    port.postMessage({ block, buf: bytes }, buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength ? [buf.buffer as ArrayBuffer] : []);
  });
}
