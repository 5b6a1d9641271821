// The CLI floor: a process that only starts Node, finds the same files and parses each with
// `yaml` parseDocument (tree-sitter for .tf is left out: the corpus is topology YAML).
// No rules, no output. Usage: node bench/floor-cli.cjs <dir|file>...
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { parseDocument } = require('yaml');

let files = 0;
let nodes = 0;
function visit(path) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) visit(join(path, name));
  } else if (/\.ya?ml$/.test(path)) {
    const doc = parseDocument(readFileSync(path, 'utf8'));
    files++;
    nodes += doc.contents && doc.contents.items ? doc.contents.items.length : 0;
  }
}
for (const p of process.argv.slice(2)) visit(p);
process.stdout.write(`${files} files parsed (${nodes} top-level entries)\n`);
