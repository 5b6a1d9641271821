// Terraform module -> Design: the sites (see sites.ts) and the cross-site assumptions the provider
// resources make (terraform-providers.md): HCX pairings and service meshes (live migration, network
// extension), vSAN stretched clusters, NSX Federation segments, VMC MultiAZ, GCVE and AVS stretched clouds.
// Every element points at the block or attribute that makes the assumption, so findings land there.
// One file per provider family in providers/ (listed in providers/registry.ts); what they share
// (site keys, topology matching, edits) is providers/context.ts.

import type { Design } from '../../design';
import { emptyDesign } from '../../design';
import type { Evaluator } from './eval';
import type { Module } from './module';
import { ExtractContext } from './providers/context';
import { PROVIDER_FAMILIES } from './providers/registry';
import type { PlacementConfig } from '../../placement';

/**
 * Reads a built module into a Design named after `file` (the module's first `.tf`). `topology` is the
 * workspace topology whose site ids and names place on-premises things. Never throws on odd input; a
 * site that cannot be placed carries `unresolved` with the reason. `placement` is the `places:` /
 * `placement:` configuration (names the topology does not know: pinned, else inferred).
 */
export function extractDesign(
  m: Module,
  ev: Evaluator,
  texts: ReadonlyMap<string, string>,
  file: string,
  topology?: Design,
  placement?: PlacementConfig,
): Design {
  const x = new ExtractContext(m, ev, texts, emptyDesign(file), topology, placement);
  for (const f of PROVIDER_FAMILIES) for (const t of f.claims ?? []) x.claimed.add(t);
  for (const f of PROVIDER_FAMILIES) f.extract(x);
  return x.design;
}
