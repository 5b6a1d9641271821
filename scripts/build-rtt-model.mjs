// Refits the cloud RTT model on data/rtt-calibration.csv and writes server/src/core/geo/rtt-calibration.json
// (the product ships the fitted figures; nothing is fitted or looked up at run time).
// Run after `node build.mjs` (it uses the fitting code of dist/core.js), then build again:
//   node build.mjs && node scripts/build-rtt-model.mjs && node build.mjs
// test/unit/calibration.test.mjs checks that the committed JSON is what this fit gives.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const core = createRequire(import.meta.url)('../dist/core.js');
const rows = core.parseCalibrationCsv(readFileSync(new URL('../data/rtt-calibration.csv', import.meta.url), 'utf8'));
const fit = core.fitCloudCalibration(rows);
writeFileSync(new URL('../server/src/core/geo/rtt-calibration.json', import.meta.url), `${JSON.stringify(fit, null, 1)}\n`);
console.log(`fitted on ${fit.fittedOn.rows} rows (${fit.fittedOn.providers.join(', ')}): ${JSON.stringify(fit.coef)} overheads ${JSON.stringify(fit.endOverheadMs)} band ${JSON.stringify(fit.band)}`);
