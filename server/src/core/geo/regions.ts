// The cloud region catalogue (aws, azure, gcp, oci), shipped as data; built from data/regions.csv
// by scripts/build-regions.mjs. Azure names are normalised: lower case, no spaces ("West Europe" -> westeurope).
import catalogue from './regions.json';

export interface Region {
  key: string;
  provider: string;
  code: string;
  city: string;
  country: string;
  lat: number;
  lon: number;
  source: string;
}

const byKey = new Map<string, Region>();
for (const [key, r] of Object.entries(catalogue as Record<string, Omit<Region, 'key' | 'provider' | 'code'>>)) {
  const [provider, code] = key.split(':') as [string, string];
  byKey.set(key, { key, provider, code, ...r });
}

export const PROVIDERS = ['aws', 'azure', 'gcp', 'oci'] as const;

export function normaliseRegion(provider: string, code: string): string {
  const p = provider.trim().toLowerCase();
  const c = p === 'azure' ? code.toLowerCase().replace(/\s+/g, '') : code.trim().toLowerCase();
  return `${p}:${c}`;
}

/** `provider:region`, e.g. "aws:eu-west-1" or "azure:West Europe". */
export function lookupRegion(spec: string): Region | undefined {
  const i = spec.indexOf(':');
  if (i < 0) return undefined;
  return byKey.get(normaliseRegion(spec.slice(0, i), spec.slice(i + 1)));
}

export function allRegions(): Region[] {
  return [...byKey.values()];
}

export function regionKeys(): string[] {
  return [...byKey.keys()];
}
