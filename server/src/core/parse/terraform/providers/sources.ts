// Resources of a provider whose source address is not one we know (a fork, a renamed provider) are not
// read; say so once per provider, at its `required_providers` entry, instead of dropping them silently.
// Known providers reached through a private registry mirror or the pre-0.13 `terraform-providers/`
// namespace are recognised by their type name (module.ts providerKind) and never land here.

import type { Loc } from '../../../design';
import { attr, blocks } from '../ast';
import { ACCEPTED_SOURCES } from '../module';
import type { ExtractContext, ProviderFamily } from './context';

export const unknownSources: ProviderFamily = {
  name: 'provider sources',
  extract(x) {
    const skipped = new Map<string, string[]>();
    for (const r of x.m.resources.values()) {
      const prefix = r.type.split('_')[0]!;
      if (!(prefix in ACCEPTED_SOURCES) || x.kindOf(r)) continue;
      const local = r.provider.split('.')[0]!;
      if (!x.m.sources.has(local)) continue; // not declared at all: not ours to judge
      const list = skipped.get(local) ?? [];
      list.push(r.addr);
      skipped.set(local, list);
    }
    for (const [local, addrs] of skipped) {
      const source = x.m.sources.get(local)!;
      const known = ACCEPTED_SOURCES[addrs[0]!.replace(/^data\./, '').split('_')[0]!] ?? [];
      const shown = addrs.slice(0, 3).join(', ') + (addrs.length > 3 ? `, and ${addrs.length - 3} more` : '');
      x.design.unread ??= [];
      x.design.unread.push({
        reason: `Provider \`${local}\` comes from \`${source}\`, which is not a provider DCI Lint reads (${known.join(', ')}, or a mirror of them): its ${addrs.length} resource${addrs.length === 1 ? '' : 's'} (${shown}) ${addrs.length === 1 ? 'is' : 'are'} not read`,
        loc: sourceLoc(x, local) ?? x.loc(x.m.resources.get(addrs[0]!)!.file, x.m.resources.get(addrs[0]!)!.block.header),
        data: { provider: local, source, resources: addrs.length },
      });
    }
  },
};

/** Where `required_providers` binds `local` to its source. */
function sourceLoc(x: ExtractContext, local: string): Loc | undefined {
  for (const f of x.m.files) {
    for (const t of blocks(f.body, 'terraform')) {
      for (const rp of blocks(t.body, 'required_providers')) {
        const a = attr(rp.body, local);
        if (a) return x.loc(f.file, a.range);
      }
    }
  }
  return undefined;
}
