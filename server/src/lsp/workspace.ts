// Files and folders: which documents we lint, the `.dci-lint.yaml` that applies to each (searched upward,
// never outside the workspace folders), the Terraform module of a `.tf` file, and the cached analysis of
// each document. The only module of the server that touches the file system.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  defaultConfig,
  isTopologyFile,
  LineIndex,
  lintTopology,
  parseConfig,
  parseTopology,
  resolveAssumptions,
  RttModel,
  stripBom,
  TopologyCache,
  type Config,
  type Design,
  type Finding,
  type LimitRow,
} from '../core';
import {
  CONFIG_NAMES,
  collectModuleTree,
  fileKind,
  forgetTerraformFile,
  initTerraform,
  isModuleFile,
  isTopologyName,
  lintTerraformModule,
  lintTerraformPlan,
  parseModuleManifest,
  type TerraformFile,
} from '../core';
import { AnalysisCancelled, dedupeFindings, SKIP_DIRS } from '../core';
import { customize, type Settings } from './settings';
import { AnalysisWorker, prefillWhenIdle, workerMinChars } from './analysisWorker';

/** `plan`: `terraform show -json` output (core/files.ts decides every kind, as for the CLI). */
export type DocKind = 'topology' | 'terraform' | 'config' | 'plan';

export { CONFIG_NAMES };
/** The longest the main thread parses entries ahead (prefill) before it looks at the next message. */
const PREFILL_SLICE_MS = 8;
/** How far up a child module's folder the server looks for the root module that calls it. */
const MAX_ROOT_SEARCH = 4;
/**
 * How far down, and through how many folders, the server looks for the roots that call a module from
 * below (a registry module's `examples/*` call `../../`; its `tests/fixtures/*` one level deeper).
 */
const MAX_CALLER_DEPTH = 3;
const MAX_CALLER_FOLDERS = 200;
/** A `module` block in HCL or JSON syntax: a folder without one calls no module. */
const MODULE_CALL = /\bmodule\s*["{]|"module"\s*:/;

export interface Analysis {
  uri: string;
  version: number;
  kind: DocKind;
  text: string;
  index: LineIndex;
  /** what the user sees: unsuppressed, after the editor's customizations, located in this document */
  findings: Finding[];
  /** every unsuppressed finding of the design (a Terraform module: all its files), after the customizations: the map's verdicts */
  designFindings: Finding[];
  designs: Design[];
  /** the pairs the rules judged, with the limit and verdict of each: hovers and hints print these */
  rows: LimitRow[];
  /** text of every file a finding, a related location or a fix may point at, by `Loc.file` (URIs) */
  texts: Map<string, string>;
  config: Config;
  /** how long the analysis took, ms of wall time from its start to this object (the Output channel's figure) */
  elapsedMs: number;
}

export interface DocumentSource {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

/**
 * The file system path of a `file:` URI, or undefined for other schemes and unparsable URIs. With
 * vscode-uri (the URI code of VS Code itself): `%23` is `#` of a folder `dc#2`, `?` and spaces likewise,
 * and a Windows drive letter comes back as VS Code writes it. Never by hand: a path cut at `#` or `?`
 * is another file.
 */
export function fsPathOf(uri: string): string | undefined {
  try {
    const u = URI.parse(uri, true);
    return u.scheme === 'file' ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}

/** The `file:` URI of a path, written as VS Code writes it (so it equals the URI the client sends). */
export function uriOfPath(file: string): string {
  return URI.file(file).toString();
}

/** What kind of document this is for us, or undefined (other YAML, other languages). */
export function kindOf(uri: string, text: string): DocKind | undefined {
  const p = fsPathOf(uri) ?? URI.parse(uri).path;
  const base = p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
  const kind = fileKind(base, text);
  if (kind === 'terraform-vars') return 'terraform';
  if (kind === 'topology' && !isTopologyFile(base, text)) return undefined;
  return kind;
}

const NO_CONFIG = defaultConfig();

interface CachedFile {
  mtimeMs: number;
  size: number;
  text: string;
}

export class Workspace {
  folders: string[] = [];
  private readonly analyses = new Map<string, { key: string; analysis: Analysis }>();
  private readonly diskCache = new Map<string, CachedFile>();
  private readonly configCache = new Map<string, { text: string; config: Config; findings: Finding[] }>();
  private readonly models = new WeakMap<Design, RttModel>();
  private readonly topologyCache = new Map<string, { text: string; design: Design | undefined }>();
  /** Per open topology: parsed entries of earlier versions, so an edit re-parses only what it touched. */
  private readonly parseCaches = new Map<string, TopologyCache>();
  private terraformReady: Promise<void> | undefined;
  /** The HCL parser is loaded: module calls can be read (before, a folder's module tree is empty). */
  private terraformLoaded = false;
  /** per Terraform document: the folders of the module tree it was last linted with */
  private readonly treeDirs = new Map<string, string[]>();
  /**
   * per module folder: the folders below it whose module trees call it (moduleTreesOf), searched once until
   * a file changes on disk (invalidate): the search reads up to MAX_CALLER_FOLDERS folders, too much for
   * every keystroke in a root module with many folders under it
   */
  private readonly callersBelow = new Map<string, string[]>();
  /** Analyses under way, per document: a second request for the same version waits for the same one. */
  private readonly inflight = new Map<
    string,
    { key: string; config: Config; promise: Promise<Analysis | undefined>; findings: Promise<Analysis | undefined> }
  >();
  /** Large topology documents and Terraform module trees are analysed here, off the main thread (undefined: no worker threads). */
  private readonly worker: AnalysisWorker | undefined;
  private readonly workerMinChars = workerMinChars();

  /**
   * @param workerScript the server's bundle (dist/server-bundle.js), run as the analysis worker of large designs
   *   (started with the first one); undefined analyses everything in this thread
   */
  constructor(
    private readonly documents: DocumentSource,
    private readonly wasmDir: string,
    private readonly log: (message: string) => void,
    workerScript?: string,
  ) {
    this.worker = workerScript && AnalysisWorker.available() ? new AnalysisWorker(workerScript, log) : undefined;
  }

  /** A document changed: the analysis of its older version, if under way in the worker, stops. */
  supersede(uri: string): void {
    this.worker?.cancel(uri);
  }

  dispose(): void {
    this.worker?.dispose();
  }

  private readonly kinds = new Map<string, { version: number; kind: DocKind | undefined }>();

  /** kindOf for an open document, once per version (the `dci: 1` check reads the whole text). */
  kindOfDoc(doc: TextDocument): DocKind | undefined {
    const cached = this.kinds.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.kind;
    const kind = kindOf(doc.uri, doc.getText());
    this.kinds.set(doc.uri, { version: doc.version, kind });
    return kind;
  }

  setFolders(uris: string[]): void {
    this.folders = uris
      .map((u) => fsPathOf(u))
      .filter((p): p is string => !!p)
      .map((p) => path.resolve(p));
  }

  /** Forget what was read from disk (a watched file changed, settings changed). */
  /**
   * Forgets what was read from disk. `analyses: false` keeps the analyses and the parsed configurations,
   * for changes on disk: an analysis's key holds what it read there (the configuration object, the same
   * while its text is; a module tree's disk state, moduleStamp), so it is computed again when asked only if
   * that changed.
   */
  invalidate({ analyses = true }: { analyses?: boolean } = {}): void {
    this.diskCache.clear();
    this.topologyCache.clear();
    this.callersBelow.clear();
    if (!analyses) return;
    this.configCache.clear();
    this.analyses.clear();
  }

  forget(uri: string): void {
    this.worker?.forget(uri);
    this.inflight.delete(uri);
    this.analyses.delete(uri);
    this.parseCaches.delete(uri);
    this.kinds.delete(uri);
    this.treeDirs.delete(uri);
    // Frees the Terraform parse tree of a closed file.
    forgetTerraformFile(uri);
  }

  private folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) {
      if ((file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep)) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  /** An open document's text wins over the disk. */
  private readText(file: string): string | undefined {
    const open = this.openByPath(file);
    if (open) return open.getText();
    try {
      const st = fs.statSync(file);
      if (!st.isFile() || !this.staysInside(file)) return undefined;
      const cached = this.diskCache.get(file);
      if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.text;
      // Without a BOM: the text an editor would open (and count columns in) for a file that is not open.
      const text = stripBom(fs.readFileSync(file, 'utf8'));
      this.diskCache.set(file, { mtimeMs: st.mtimeMs, size: st.size, text });
      return text;
    } catch {
      return undefined;
    }
  }

  /**
   * A workspace must not make us read elsewhere: a symlinked `.dci-lint.yaml` or `.tf` is followed only
   * when its target lies inside the same workspace folder (outside any folder: the same directory).
   */
  private staysInside(file: string): boolean {
    const abs = path.resolve(file);
    try {
      const root = fs.realpathSync(this.folderOf(abs) ?? path.dirname(abs));
      const real = fs.realpathSync(abs);
      return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
    } catch {
      return false;
    }
  }

  private openByPath(file: string): TextDocument | undefined {
    const doc = this.documents.get(uriOfPath(file));
    if (doc) return doc;
    for (const d of this.documents.all()) if (fsPathOf(d.uri) === file) return d;
    return undefined;
  }

  /**
   * The nearest `.dci-lint.yaml` upward from the file: inside its workspace folder when it has one; a file
   * outside every folder (no folder open, a file opened alone) searches up to the file system root, as
   * the CLI does, so both give the same findings.
   */
  configFor(uri: string): { config: Config; file?: string; findings: Finding[] } {
    const file = fsPathOf(uri);
    if (!file) return { config: NO_CONFIG, findings: [] };
    const root = this.folderOf(path.resolve(file));
    for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
      for (const name of CONFIG_NAMES) {
        const candidate = path.join(dir, name);
        const text = this.readText(candidate);
        if (text !== undefined) return { ...this.parseConfigCached(candidate, text), file: candidate };
      }
      if (dir === root || path.dirname(dir) === dir || (root !== undefined && !dir.startsWith(root))) break;
    }
    return { config: NO_CONFIG, findings: [] };
  }

  private parseConfigCached(file: string, text: string): { config: Config; findings: Finding[] } {
    const cached = this.configCache.get(file);
    if (cached && cached.text === text) return cached;
    const uri = uriOfPath(file);
    const parsed = parseConfig(text, uri);
    this.configCache.set(file, { text, ...parsed });
    return parsed;
  }

  rttModel(design: Design, config: Config): RttModel {
    let m = this.models.get(design);
    if (!m) {
      m = new RttModel(design, resolveAssumptions(design, config.assumptions));
      this.models.set(design, m);
    }
    return m;
  }

  private ensureTerraform(): Promise<void> {
    this.terraformReady ??= initTerraform(this.wasmDir).then(
      () => {
        this.terraformLoaded = true;
      },
      (e: unknown) => {
        this.log(`Terraform support failed to load: ${(e as Error).stack ?? String(e)}`);
      },
    );
    return this.terraformReady;
  }

  /**
   * The analysis of an open document for its current text; cached per version and settings. Large
   * designs are analysed in the worker: concurrent requests for the same version share one analysis,
   * and when a newer version supersedes it the newest text is analysed instead.
   */
  analyze(doc: TextDocument, settings: Settings): Promise<Analysis | undefined> {
    // Not an async function: a request for a version already under way gets that very promise (findingsOf
    // tells it apart by identity); a throw here still comes back as a rejection.
    try {
      return this.analyzeVersion(doc, settings);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private analyzeVersion(doc: TextDocument, settings: Settings): Promise<Analysis | undefined> {
    const kind = this.kindOfDoc(doc);
    if (!kind || !settings.enable) return Promise.resolve(undefined);
    const configured = kind === 'config' ? { config: NO_CONFIG, file: undefined, findings: [] } : this.configFor(doc.uri);
    const { config } = configured;
    // The config object is the same while its text is: identity is part of the key.
    const key = `${doc.version}|${kind === 'terraform' || kind === 'plan' ? this.moduleStamp(doc.uri) : ''}|${JSON.stringify(settings.customizations)}`;
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.key === key && cached.analysis.config === config) return Promise.resolve(cached.analysis);
    const running = this.inflight.get(doc.uri);
    if (running && running.key === key && running.config === config) return running.promise;
    let early!: (a: Analysis) => void;
    const findings = new Promise<Analysis | undefined>((resolve) => (early = resolve));
    const promise = this.compute(doc, kind, settings, key, configured, early).catch((e: unknown) => {
      if (!(e instanceof AnalysisCancelled)) throw e;
      // A newer version stopped this one: answer with the analysis of the newest text.
      const now = this.documents.get(doc.uri);
      return now ? this.analyze(now, settings) : undefined;
    });
    // resolved by the preview when the worker sends the findings first, else by the analysis (or its error)
    this.inflight.set(doc.uri, { key, config, promise, findings: Promise.race([findings, promise]) });
    const done = () => {
      if (this.inflight.get(doc.uri)?.promise === promise) this.inflight.delete(doc.uri);
    };
    promise.then(done, done);
    return promise;
  }

  /**
   * The analysis of an open document as soon as its findings are known, for diagnostics: the same as
   * `analyze`, except that a design analysed in the worker is answered when the worker sends its findings,
   * with `designs` and `rows` still empty (they follow in the analysis `analyze` resolves with).
   */
  findingsOf(doc: TextDocument, settings: Settings): Promise<Analysis | undefined> {
    const full = this.analyze(doc, settings);
    const running = this.inflight.get(doc.uri);
    return running && running.promise === full ? running.findings : full;
  }

  private async compute(
    doc: TextDocument,
    kind: DocKind,
    settings: Settings,
    key: string,
    { config, file: configFile, findings: configFindings }: { config: Config; file?: string; findings: Finding[] },
    early?: (preview: Analysis) => void,
  ): Promise<Analysis> {
    const started = performance.now();
    const text = doc.getText();
    const version = doc.version;
    let findings: Finding[];
    let designs: Design[] = [];
    let rows: LimitRow[] = [];
    const texts = new Map<string, string>([[doc.uri, text]]);
    // built while the worker analyses, when it does (this thread is idle then): not after its findings come
    let index: LineIndex | undefined;
    // What the user sees of a result: a broken .dci-lint.yaml said at the top of the file it applies to,
    // suppressed findings out, the editor's customizations applied.
    const assemble = (found: Finding[], designs: Design[], rows: LimitRow[]): Analysis => {
      if (configFile && configFindings.some((f) => f.severity === 'error')) found = [configProblem(doc.uri, configFile, configFindings.length), ...found];
      const designFindings = customize(
        found.filter((f) => !f.suppressed),
        settings.customizations,
      );
      const shown = designFindings.filter((f) => f.loc.file === doc.uri);
      const elapsedMs = performance.now() - started;
      index ??= this.lineIndexOf(doc.uri, text);
      return { uri: doc.uri, version, kind, text, index, findings: shown, designFindings, designs, rows, texts, config, elapsedMs };
    };
    // A design analysed in the worker: its findings are published before its model has crossed over.
    let preview: Analysis | undefined;
    const onFindings = (found: Finding[]) => {
      preview = assemble(found, [], []);
      early?.(preview);
    };
    if (kind === 'config') {
      findings = parseConfig(text, doc.uri).findings;
    } else if (kind === 'topology') {
      let result;
      if (this.worker && text.length >= this.workerMinChars) {
        const job = this.worker.lint(doc.uri, { kind: 'topology', text }, config, onFindings);
        index = this.lineIndexOf(doc.uri, text);
        result = await job;
      } else {
        let cache = this.parseCaches.get(doc.uri);
        if (!cache) this.parseCaches.set(doc.uri, (cache = new TopologyCache()));
        result = lintTopology(doc.uri, text, { config, cache });
        const parsed = cache;
        prefillWhenIdle(parsed, () => this.parseCaches.get(doc.uri) === parsed, PREFILL_SLICE_MS);
      }
      findings = result.findings;
      designs = result.designs;
      rows = result.rows;
    } else if (kind === 'plan') {
      // In the editor a plan's findings stay in the plan (the document the user looks at), located by
      // resource address; the CLI maps them to the .tf lines beside it. Same findings, same messages.
      await this.ensureTerraform();
      const topology = this.workspaceTopology(doc.uri);
      const result = lintTerraformPlan({ file: doc.uri, text }, { config, ...(topology ? { topology } : {}) });
      findings = result.findings;
      designs = result.designs;
      rows = result.rows;
    } else {
      await this.ensureTerraform();
      // The root modules whose trees hold this file: its own folder, or the folders that call it (above or below).
      const trees = this.moduleTreesOf(doc);
      const treeFiles = trees.flatMap((t) => [...t.files, ...Object.values(t.modules).flat()]);
      for (const f of treeFiles) texts.set(f.file, f.text);
      this.treeDirs.set(doc.uri, [...new Set(treeFiles.map((f) => path.dirname(fsPathOf(f.file) ?? '')))]);
      const topology = this.workspaceTopology(doc.uri);
      findings = [];
      for (const { files, modules, moduleManifest } of trees) {
        let chars = 0;
        for (const f of [...files, ...Object.values(modules).flat()]) chars += f.text.length;
        const result =
          this.worker && chars >= this.workerMinChars
            ? await this.worker.lint(
                doc.uri,
                { kind: 'terraform', files, modules, moduleManifest, ...(topology ? { topology } : {}), wasmDir: this.wasmDir },
                config,
                // the findings are published early only when one tree is all there is
                trees.length === 1 ? onFindings : undefined,
              )
            : lintTerraformModule(files, { config, modules, moduleManifest, ...(topology ? { topology } : {}) });
        for (const f of result.findings) findings.push(f);
        for (const d of result.designs) designs.push(d);
        for (const r of result.rows) rows.push(r);
      }
      // the same finding from two callers' contexts (a module's variable defaults) is said once, as the CLI does
      if (trees.length > 1) findings = dedupeFindings(findings);
    }
    const analysis: Analysis = preview ? { ...preview, designs, rows, elapsedMs: performance.now() - started } : assemble(findings, designs, rows);
    this.analyses.set(doc.uri, { key, analysis });
    return analysis;
  }

  /**
   * The line index of a version of a document: from the last analysis's index when there is one (an edit
   * re-scans only the lines it touched: LineIndex.after), else built from the text.
   */
  private lineIndexOf(uri: string, text: string): LineIndex {
    const last = this.analyses.get(uri)?.analysis.index;
    return last ? LineIndex.after(last, text) : new LineIndex(text);
  }

  /** Every `.tf`/`.tfvars` file of the document's folder: open text where open, disk otherwise. */
  moduleFiles(doc: TextDocument): TerraformFile[] {
    const file = fsPathOf(doc.uri);
    if (!file) return [{ file: doc.uri, text: doc.getText() }];
    const dir = path.dirname(file);
    const out: TerraformFile[] = [];
    const seen = new Set<string>();
    for (const d of this.documents.all()) {
      const p = fsPathOf(d.uri);
      if (p && path.dirname(p) === dir && isModuleFile(p)) {
        out.push({ file: d.uri, text: d.getText() });
        seen.add(p);
      }
    }
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir);
    } catch {
      // folder gone or unreadable: lint what is open
    }
    for (const name of names.sort()) {
      const p = path.join(dir, name);
      if (!isModuleFile(name) || seen.has(p)) continue;
      const text = this.readText(p);
      if (text !== undefined) out.push({ file: uriOfPath(p), text });
    }
    out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return out;
  }

  /** The module files of a folder (open text where open), as the core takes them; undefined when it has none. */
  private folderFiles(dir: string): TerraformFile[] | undefined {
    const out = this.moduleFiles({ uri: uriOfPath(path.join(dir, '_')), getText: () => '' } as unknown as TextDocument).filter(
      (f) => fsPathOf(f.file) !== path.join(dir, '_'),
    );
    return out.length > 0 ? out : undefined;
  }

  /** A root module folder and every local module it calls (file keys are URIs, like the documents'). */
  private moduleTree(dir: string): { files: TerraformFile[]; modules: Record<string, TerraformFile[]>; moduleManifest: Record<string, string> } {
    const files = this.folderFiles(dir) ?? [];
    const read = (key: string) => {
      const p = fsPathOf(key);
      return p && this.staysInside(p) ? this.folderFiles(p) : undefined;
    };
    // Registry and git modules downloaded by `terraform init` (as the CLI reads them).
    const manifestText = this.readText(path.join(dir, '.terraform', 'modules', 'modules.json'));
    const moduleManifest = manifestText === undefined ? {} : parseModuleManifest(manifestText, uriOfPath(dir));
    return { files, modules: collectModuleTree(files, read, moduleManifest), moduleManifest };
  }

  /**
   * The trees to lint for a Terraform document, as the CLI lints a folder a root module calls: in the
   * context of each root that calls it, not alone. Callers are looked for above (the topmost folder up to
   * MAX_ROOT_SEARCH levels whose module tree holds this document's folder: root -> mesh -> l2 is linted in
   * the root's context) and below (folders down to MAX_CALLER_DEPTH levels, such as the `examples/*` of a
   * registry module, which call `../../`), inside the workspace folder; none: the document's own folder.
   */
  private moduleTreesOf(doc: TextDocument): Array<ReturnType<Workspace['moduleTree']>> {
    const file = fsPathOf(doc.uri);
    if (!file) return [{ files: [{ file: doc.uri, text: doc.getText() }], modules: {}, moduleManifest: {} }];
    const dir = path.dirname(file);
    const root = this.folderOf(file);
    let best: ReturnType<Workspace['moduleTree']> | undefined;
    let up = dir;
    for (let i = 0; i < MAX_ROOT_SEARCH && root && up !== root; i++) {
      up = path.dirname(up);
      if (!up.startsWith(root)) break;
      if (!this.callsModules(up)) continue; // no module call here
      const tree = this.moduleTree(up);
      if (treeHolds(tree, dir)) best = tree;
    }
    if (best) return [best];
    const below = this.callerDirsBelow(dir)
      .map((d) => ({ dir: d, tree: this.moduleTree(d) }))
      .filter((c) => treeHolds(c.tree, dir));
    // a caller that another caller calls is linted in that one's context (examples/a -> ./shared -> ../../)
    const roots = below.filter((c) => !below.some((o) => o !== c && treeHolds(o.tree, c.dir))).map((c) => c.tree);
    if (roots.length > 0) return roots;
    const own = this.moduleTree(dir);
    return [{ ...own, files: own.files.length ? own.files : [{ file: doc.uri, text: doc.getText() }] }];
  }

  /**
   * The folders below module folder `dir` (foldersBelow) whose module trees call it, inside a workspace
   * folder; kept until a file changes on disk (invalidate). Part of a Terraform analysis's key (moduleStamp):
   * a caller added below is a reason to lint again.
   */
  private callerDirsBelow(dir: string): string[] {
    let callers = this.callersBelow.get(dir);
    if (callers) return callers;
    // Before the HCL parser is loaded no folder calls anything: ask again then, do not remember "none"
    // (a tester's module opened first in a fresh editor was linted alone until a file changed).
    if (!this.terraformLoaded) return [];
    callers = [];
    if (this.folderOf(path.join(dir, '_'))) {
      for (const d of this.foldersBelow(dir)) if (this.callsModules(d) && treeHolds(this.moduleTree(d), dir)) callers.push(d);
    }
    this.callersBelow.set(dir, callers);
    return callers;
  }

  /** Whether a folder's module files (open text or disk) hold a `module` block: a folder without one calls nothing. */
  private callsModules(dir: string): boolean {
    return this.folderFiles(dir)?.some((f) => MODULE_CALL.test(f.text)) === true;
  }

  /**
   * Folders under `dir` (not itself), down to MAX_CALLER_DEPTH levels and at most MAX_CALLER_FOLDERS of
   * them, breadth first by name, skipping SKIP_DIRS and hidden folders: where a module's callers may be.
   */
  private foldersBelow(dir: string): string[] {
    const out: string[] = [];
    let level = [dir];
    for (let depth = 0; depth < MAX_CALLER_DEPTH && level.length > 0 && out.length < MAX_CALLER_FOLDERS; depth++) {
      const next: string[] = [];
      for (const d of level) {
        // Dirents where Node gives them (no stat per entry); the web build's file system gives names only
        let entries: Array<fs.Dirent | string> = [];
        try {
          entries = fs.readdirSync(d, { withFileTypes: true }) as Array<fs.Dirent | string>;
        } catch {
          continue;
        }
        const nameOf = (e: fs.Dirent | string) => (typeof e === 'string' ? e : e.name);
        for (const e of entries.sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : 1))) {
          const name = nameOf(e);
          if (name.startsWith('.') || SKIP_DIRS.includes(name)) continue;
          const p = path.join(d, name);
          if (!(typeof e === 'string' ? isDirectory(p) : e.isDirectory())) continue;
          if (out.length >= MAX_CALLER_FOLDERS) break;
          out.push(p);
          next.push(p);
        }
      }
      level = next;
    }
    return out;
  }

  /** Open versions and disk times of the module's files: a change anywhere relints the module. */
  private moduleStamp(uri: string): string {
    const file = fsPathOf(uri);
    if (!file) return '';
    // Every open Terraform document (any may be in this tree), and the disk state of every folder of the
    // tree last linted for this document (a child module edited outside the editor relints its callers).
    const parts: string[] = [];
    for (const d of this.documents.all()) {
      const k = this.kindOfDoc(d);
      if (k === 'terraform' || k === 'plan' || k === 'topology') parts.push(`${d.uri}@${d.version}`);
    }
    // the roots that call the module from below (a caller added is a new context to lint it in)
    parts.push(`callers:${this.callerDirsBelow(path.dirname(file)).join('|')}`);
    const dirs = new Set([path.dirname(file), ...(this.treeDirs.get(uri) ?? [])]);
    for (const dir of dirs) {
      try {
        for (const name of fs.readdirSync(dir).sort()) {
          if (!isModuleFile(name) && !isTopologyName(name)) continue;
          const st = fs.statSync(path.join(dir, name));
          parts.push(`${dir}/${name}:${st.mtimeMs}:${st.size}`);
        }
      } catch {
        // ignore
      }
    }
    return parts.join(',');
  }

  /**
   * The topology a Terraform module maps its names (hosts, datacenters, tags) to: a `*.dci.yaml` in the
   * module folder (open text or disk), else the first open topology of the same workspace folder.
   */
  private workspaceTopology(uri: string): Design | undefined {
    const file = fsPathOf(uri);
    const designOf = (u: string, text: string) => {
      const cached = this.topologyCache.get(u);
      if (cached && cached.text === text) return cached.design;
      const design = parseTopology(text, u).designs[0];
      this.topologyCache.set(u, { text, design });
      return design;
    };
    if (file) {
      const dir = path.dirname(file);
      let names: string[] = [];
      try {
        names = fs
          .readdirSync(dir)
          .filter((n) => isTopologyName(n))
          .sort();
      } catch {
        // unreadable folder: fall back to open documents
      }
      for (const name of names) {
        const p = path.join(dir, name);
        const text = this.readText(p);
        const design = text === undefined ? undefined : designOf(this.openByPath(p)?.uri ?? uriOfPath(p), text);
        if (design) return design;
      }
    }
    const root = file ? this.folderOf(file) : undefined;
    for (const d of this.documents.all()) {
      if (d.uri === uri || this.kindOfDoc(d) !== 'topology') continue;
      const p = fsPathOf(d.uri);
      if (root && (!p || this.folderOf(p) !== root)) continue;
      const design = designOf(d.uri, d.getText());
      if (design) return design;
    }
    return undefined;
  }
}

/** Whether a root module's tree calls the module in folder `dir` (a path). */
function treeHolds(tree: { modules: Record<string, TerraformFile[]> }, dir: string): boolean {
  return Object.keys(tree.modules).some((k) => fsPathOf(k) === dir);
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function configProblem(uri: string, configFile: string, count: number): Finding {
  return {
    ruleId: 'config',
    severity: 'warning',
    message: `${path.basename(configFile)} has ${count} problem${count === 1 ? '' : 's'} (${configFile}); the settings it could not read are ignored.`,
    loc: { file: uri, start: 0, end: 0 },
    data: { config: configFile },
    related: [],
    fixes: [],
  };
}
