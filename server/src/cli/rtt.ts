// `dci-lint rtt A B`: distance, lower bound and estimate between two places.
import { emptyDesign, lookupPlace, lookupRegion, placeString, resolvePlaceText, type Site } from '../core';
import { RttModel } from '../core';
import { UsageError } from './errors';

const USAGE = 'rtt takes two places: dci-lint rtt A B (each "lat,lon", provider:region, a place such as "Frankfurt am Main, DE", or an IATA code).';

/**
 * A, B: "lat,lon" (decimal degrees, negative allowed), `provider:region` from the catalogue, or a place
 * string / IATA code resolved by the offline gazetteer. Unknown or ambiguous places are usage errors
 * with the suggestions or candidates: nothing is guessed.
 */
function place(spec: string, id: string): Site {
  const loc = { file: '<arg>', start: 0, end: 0 };
  const m = /^\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)\s*$/.exec(spec);
  if (m) {
    const [lat, lon] = [Number(m[1]), Number(m[2])];
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new UsageError(`${spec}: latitude must be in [-90, 90] and longitude in [-180, 180].`);
    return { id, idLoc: loc, loc, placement: { latDeg: lat, lonDeg: lon, origin: 'coordinates', cloud: false } };
  }
  if (/^[a-z]+:/i.test(spec.trim())) {
    const r = lookupRegion(spec.trim());
    if (!r) throw new UsageError(`${spec}: not a known provider:region (e.g. aws:eu-west-1, azure:westeurope, gcp:europe-west3).`);
    const [provider, code] = r.key.split(':') as [string, string];
    return { id, idLoc: loc, loc, region: { provider, code, loc }, placement: { latDeg: r.lat, lonDeg: r.lon, origin: `${r.key} (${r.city})`, cloud: true } };
  }
  const r = resolvePlaceText(spec);
  if (r.placement) return { id, idLoc: loc, loc, placement: r.placement };
  const found = lookupPlace(spec); // with the suggestions resolvePlaceText leaves to findings
  const list = (found.status === 'ambiguous' ? found.candidates : found.status === 'unknown' ? found.suggestions : [])
    .slice(0, 5)
    .map((p) => `"${placeString(p)}"`);
  if (r.lookup.status === 'ambiguous') throw new UsageError(`"${spec}" names several cities: ${list.join(', ')}. Add the country.`);
  throw new UsageError(`"${spec}" is not "lat,lon", a provider:region or a place DCI Lint knows${list.length ? `. Did you mean ${list.join(', ')}?` : '.'}`);
}

/** Arguments by hand: "-33.87,151.21" is a place, not an option, so `--` is not needed. */
function parse(args: string[]): { json: boolean; positionals: string[] } {
  let json = false;
  const positionals: string[] = [];
  let rest = false;
  for (const a of args) {
    if (rest || !a.startsWith('-') || /^-[\d.]/.test(a)) positionals.push(a);
    else if (a === '--') rest = true;
    else if (a === '--json') json = true;
    else throw new UsageError(`Unknown option ${a} for rtt. ${USAGE}`);
  }
  return { json, positionals };
}

export function runRtt(args: string[]): number {
  const { json, positionals } = parse(args);
  if (positionals.length !== 2) throw new UsageError(USAGE);
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
  if (json) {
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
