// Resource bombs through the core, each in a fresh process so its time and peak memory are its own.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { BOMBS } from './helpers/bombs.mjs';

const CHILD = fileURLToPath(new URL('./helpers/bomb-child.mjs', import.meta.url));

function run(name, timeoutMs) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--max-old-space-size=2048', CHILD, name], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`${name}: no result in ${timeoutMs} ms (a hang)`));
    }, timeoutMs);
    p.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`${name}: exit ${code}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(out));
    });
  });
}

// Two at a time: this machine has two cores.
describe('resource bombs through the core', { concurrency: 2 }, () => {
  for (const bomb of BOMBS) {
    test(`bomb ${bomb.name}: its diagnostic within ${bomb.budget.ms} ms and ${bomb.budget.rssMB} MB`, { timeout: bomb.budget.ms * 3 + 20_000 }, async (t) => {
      const r = await run(bomb.name, bomb.budget.ms * 3 + 15_000);
      t.diagnostic(`${bomb.name}: ${r.chars} characters, lint ${r.ms} ms, peak RSS ${r.rssMB} MB, ${r.findings.length} findings`);
      assert.ok(r.inside, 'every range inside the text');
      bomb.expect(r.findings);
      assert.ok(r.ms <= bomb.budget.ms, `${r.ms} ms > ${bomb.budget.ms} ms`);
      assert.ok(r.rssMB <= bomb.budget.rssMB, `${r.rssMB} MB > ${bomb.budget.rssMB} MB`);
    });
  }
});
