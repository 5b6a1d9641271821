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
    return { id, idLoc: loc, loc, placement: { latDeg: lat, lonDeg: lon, origin: `${lat}, ${lon}`, cloud: false } };
  }
  const r = lookupRegion(spec);
  if (!r) throw new UsageError(`${spec}: not "lat,lon" and not a known provider:region (e.g. aws:eu-west-1, azure:westeurope, gcp:europe-west3).`);
  return { id, idLoc: loc, loc, placement: { latDeg: r.lat, lonDeg: r.lon, origin: `${r.key} (${r.city})`, cloud: true } };
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
  const out = { distanceKm: p.distanceKm, lowerBoundMs: p.lowerBoundMs, estimateMs: p.rttMs, model: p.model };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const basis = p.basis === 'cloud' ? 'published inter-region RTTs fit' : 'dedicated fiber';
  process.stdout.write(
    [
      `${a.placement!.origin} -> ${b.placement!.origin}`,
      `distance     ${p.distanceKm.toLocaleString('en-US')} km (WGS-84 geodesic)`,
      `lower bound  ${p.lowerBoundMs} ms RTT (light in fiber, 9.79 µs per km: no network is faster)`,
      `estimate     ${p.rttMs} ms RTT (${basis}: route factor ${p.model.routeFactor} + ${p.model.overheadMs} ms)`,
      '',
    ].join('\n'),
  );
  return 0;
}
