// Preloaded into the server (NODE_OPTIONS=--require) by security.test.mjs: records every file the process
// opens or lists and every attempt at the network or a child process, in DCI_LINT_IO_LOG (one JSON a line).
const fs = require('node:fs');
const log = process.env.DCI_LINT_IO_LOG;
const write = (entry) => fs.appendFileSync(log, JSON.stringify(entry) + '\n');
for (const name of ['readFileSync', 'openSync', 'readdirSync', 'readFile', 'open', 'createReadStream']) {
  const orig = fs[name];
  fs[name] = function (p, ...rest) {
    if (typeof p === 'string' || p instanceof URL) write({ op: name, path: String(p) });
    return orig.call(this, p, ...rest);
  };
}
const deny = (mod, names) => {
  const m = require(mod);
  for (const n of names) {
    const orig = m[n];
    if (typeof orig !== 'function') continue;
    m[n] = function (...args) {
      write({ op: `${mod}.${n}`, args: String(args[0]).slice(0, 200) });
      return orig.apply(this, args);
    };
  }
};
deny('node:child_process', ['spawn', 'exec', 'execFile', 'fork', 'spawnSync', 'execSync', 'execFileSync']);
deny('node:net', ['connect', 'createConnection']);
deny('node:http', ['request', 'get']);
deny('node:https', ['request', 'get']);
deny('node:dns', ['lookup', 'resolve']);
