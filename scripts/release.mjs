// `npm run release`: the VSIX and the npm tarball from one build, named by the package version, and
// checked: the VSIX under 2 MB with no node_modules inside, the tarball with exactly the CLI files.
// Publishing stays a manual step (docs/release.md).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, statSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

// 1. The VSIX (npm run package: minified build + vsce).
run(npm, ['run', '--silent', 'package']);
const vsix = `dist/dci-lint-${version}.vsix`;
renameSync('dist/dci-lint.vsix', vsix);
const vsixBytes = statSync(vsix).size;
const listing = run('unzip', ['-l', vsix]);
if (/node_modules\//.test(listing)) throw new Error(`${vsix} contains node_modules`);
if (vsixBytes > 2 * 1024 * 1024) throw new Error(`${vsix} is ${vsixBytes} bytes, over 2 MB`);

// 2. The npm tarball, from the same minified build (no second build: --ignore-scripts skips prepack).
const [packed] = JSON.parse(run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', 'dist']));
const files = packed.files.map((f) => f.path).sort();
const expected = ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/server-bundle.js', 'dist/server.js', 'dist/tree-sitter-terraform.wasm', 'dist/tree-sitter.wasm', 'package.json'];
if (JSON.stringify(files) !== JSON.stringify(expected)) throw new Error(`unexpected tarball files: ${files.join(', ')}`);
const tgz = `dist/${packed.filename}`;
if (!existsSync(tgz)) throw new Error(`${tgz} missing`);

console.log(`${vsix}  ${(vsixBytes / 1024).toFixed(0)} KB`);
console.log(`${tgz}  ${(statSync(tgz).size / 1024).toFixed(0)} KB (${files.length} files)`);
console.log('Next: docs/release.md, steps 5-7.');
