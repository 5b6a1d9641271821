import { PROVIDERS, regionKeys } from '../geo/regions';
import { Suggester } from '../suggest';
import type { Loc } from '../design';
import { replaceFix } from './physics';
import { placeables } from './placeables';
import type { Rule } from './types';

/** One Suggester per provider's catalogue (and one for all), made on first use: the catalogue is fixed. */
const suggesters = new Map<string, Suggester>();
function suggesterFor(provider: string | undefined): Suggester {
  const key = provider ?? '*';
  let s = suggesters.get(key);
  if (!s) {
    const candidates = regionKeys().filter((k) => provider === undefined || k.startsWith(`${provider}:`));
    s = new Suggester(candidates, Infinity);
    suggesters.set(key, s);
  }
  return s;
}

const fixTo = (text: string, loc: Loc) => replaceFix(`Replace with \`${text}\``, loc, text, true);

export const unknownRegion: Rule = {
  meta: {
    id: 'unknown-region',
    summary: '`provider:region` is not in the built-in catalogue; suggests the nearest code.',
    defaultSeverity: 'error',
    graded: false,
    placementIndependent: true,
    fixable: true,
    options: {},
  },
  check(ctx) {
    for (const { what, site } of placeables(ctx.design)) {
      if (!site.region || site.placement) continue;
      const { provider, code } = site.region;
      const written = provider ? `${provider}:${code}` : code;
      const known = (PROVIDERS as readonly string[]).includes(provider.toLowerCase());
      const suggestion = suggesterFor(known ? provider.toLowerCase() : undefined).nearest(written.toLowerCase().replace(/\s+/g, ''));
      const why = !provider
        ? 'A region is written `provider:region`, e.g. `aws:eu-west-1`.'
        : known
          ? `\`${code}\` is not in the ${provider} region catalogue.`
          : `\`${provider}\` is not a known provider (aws, azure, gcp, oci).`;
      // every place the code is written (Terraform: each resource in that region) gets its finding and fix
      for (const loc of [site.region.loc, ...(site.region.also ?? [])])
        ctx.report({
          message: `Unknown region \`${written}\` for ${what[0]!.toLowerCase()}${what.slice(1)}. ${why}${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
          loc,
          data: { site: site.id, region: written, suggestion: suggestion ?? null },
          fixes: suggestion ? [fixTo(site.region.bare ? suggestion.slice(suggestion.indexOf(':') + 1) : suggestion, loc)] : [],
        });
    }
  },
};
