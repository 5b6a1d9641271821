// `dci-lint rtt A B`: distance, lower bound and estimate between two places.
import { parseArgs } from 'node:util';
import { emptyDesign, lookupRegion, RttModel, type Site } from '../core';
import { UsageError } from './errors';

function place(spec: string, id: string): Site {
  const loc = { file: '<arg>', start: 0, end: 0 };
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(spec);
  if (m) {
    const [lat, lon] = [Number(m[1]), Number(m[2])];
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new UsageError(`${spec}: latitude must be in [-90, 90] and longitude in [-180, 180].`);
    return { id, idLoc: loc, loc, placement: { latDeg: lat, lonDeg: lon, origin: 'coordinates', cloud: false } };
  }
  const r = lookupRegion(spec);
  if (!r) throw new UsageError(`${spec}: not "lat,lon" and not a known provider:region (e.g. aws:eu-west-1, azure:westeurope, gcp:europe-west3).`);
  const [provider, code] = r.key.split(':') as [string, string];
  return { id, idLoc: loc, loc, region: { provider, code, loc }, placement: { latDeg: r.lat, lonDeg: r.lon, origin: `${r.key} (${r.city})`, cloud: true } };
}

export function runRtt(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length !== 2) throw new UsageError('rtt takes two places: dci-lint rtt A B (each "lat,lon" or provider:region).');
  const design = emptyDesign('<arg>');
  const a = place(positionals[0]!, 'A');
  const b = place(positionals[1]!, 'B');
  design.sites.set('A', a).set('B', b);
  const model = new RttModel(design);
  const p = model.pair('A', 'B')!;
  const end = (s: Site) => ({ latDeg: s.placement!.latDeg, lonDeg: s.placement!.lonDeg, origin: s.placement!.origin });
  const out = {
    distanceKm: p.distanceKm,
    lowerBoundMs: p.lowerBoundMs,
    estimateMs: p.rttMs,
    estimateLowMs: p.estimateLowMs,
    estimateHighMs: p.estimateHighMs,
    model: p.model,
    from: end(a),
    to: end(b),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const where = (s: Site) => (s.placement!.origin === 'coordinates' ? `${s.placement!.latDeg}, ${s.placement!.lonDeg}` : s.placement!.origin);
  const basis =
    p.basis === 'cloud'
      ? `fitted on 2,708 published inter-region RTTs: route factor ${p.model.routeFactor} + ${p.model.overheadMs} ms; band calibrated leaving one provider out`
      : `dedicated fiber: route factor ${p.model.routeFactor} + ${p.model.overheadMs} ms; band: route 1.2-2.0 x the great circle, DCI Lint heuristic`;
  process.stdout.write(
    [
      `${where(a)} -> ${where(b)}`,
      `distance     ${p.distanceKm.toLocaleString('en-US')} km (WGS-84 geodesic)`,
      `lower bound  ${p.lowerBoundMs} ms RTT (light in fiber, 9.79 µs per km: no network is faster)`,
      `estimate     ${bandText(p)}`,
      `             (${basis})`,
      '',
    ].join('\n'),
  );
  return 0;
}

/** "≈ 250 ms, 80% between 215 and 290": the estimate and its p10-p90 band, for people. */
export function bandText(p: { rttMs: number; estimateLowMs: number; estimateHighMs: number; measured: boolean }): string {
  if (p.measured) return `${fmt(p.rttMs)} ms measured`;
  return `≈ ${fmt(p.rttMs)} ms, 80% between ${fmt(p.estimateLowMs)} and ${fmt(p.estimateHighMs)}`;
}

/** Three significant figures, at most two decimals: 0.96, 12.4, 251. */
function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}
