import { readFileSync } from 'node:fs';
import { lintTopology } from '../core';
const f = process.argv[2]!;
const r = lintTopology(f, readFileSync(f, 'utf8'));
console.log(JSON.stringify(r.findings.map((x) => ({ ...x, fixes: x.fixes.length })), null, 1));
