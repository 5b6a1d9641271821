// vsan-witness-site: the witness of a vSAN stretched cluster is one of its own data sites, so the
// failure of that site takes two of the three fault domains down and the other site cannot keep quorum.

import type { Rule } from './types';

export const vsanWitnessSite: Rule = {
  meta: {
    id: 'vsan-witness-site',
    summary: 'The witness of a vSAN stretched cluster is one of its data sites: losing that site stops the whole cluster.',
    defaultSeverity: 'error',
    graded: false,
    placementIndependent: true,
    fixable: false,
    options: {},
  },
  check(ctx) {
    for (const c of ctx.design.clusters) {
      if (c.kind !== 'vsan-stretched' || !c.witness) continue;
      const witness = c.witness;
      const data = c.sites.find((s) => s.id === witness.id);
      if (!data) continue;
      ctx.report({
        message: `vSAN witness ${witness.id} of cluster ${c.name} is also one of its data sites: if ${witness.id} fails, the witness fails with it and the other data site holds less than half of every object's votes, so its VMs stop too. Put the witness in a third site: vSAN counts it as a third fault domain (vendor statement, VMware and Microsoft).`,
        loc: witness.loc,
        data: { cluster: c.name, witness: witness.id, site: witness.id },
        related: [{ loc: data.loc, message: `${witness.id} as a data site of ${c.name}` }],
      });
    }
  },
};
