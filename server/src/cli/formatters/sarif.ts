// SARIF 2.1.0: one run, the rule catalogue in tool.driver.rules, suppressed findings kept as such.
import { pathToFileURL } from 'node:url';
import { docsUrl, RULES } from '../../core';
import type { FileReport } from './types';

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

export function formatSarif(reports: FileReport[], version: string): string {
  const ids = RULES.map((r) => r.meta.id);
  const ruleIndex = new Map(ids.map((id, i) => [id, i]));
  // Each segment percent-encoded: encodeURI leaves `#` and `?`, and `dc#2/x.dci.yaml` would name `dc`.
  const uri = (file: string) => file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
  const region = (x: { line: number; column: number; endLine: number; endColumn: number }) => ({
    startLine: x.line,
    startColumn: x.column,
    endLine: x.endLine,
    endColumn: x.endColumn,
  });
  const results = [];
  for (const r of reports)
    for (const f of r.findings) {
      const result: Record<string, unknown> = {
        ruleId: f.ruleId,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: uri(r.file), uriBaseId: '%SRCROOT%' }, region: region(f) } }],
        properties: { data: f.data },
      };
      const idx = ruleIndex.get(f.ruleId);
      if (idx !== undefined) result.ruleIndex = idx;
      if (f.related.length > 0) {
        result.relatedLocations = f.related.map((rel, i) => ({
          id: i,
          message: { text: rel.message },
          physicalLocation: { artifactLocation: { uri: uri(rel.file), uriBaseId: '%SRCROOT%' }, region: region(rel) },
        }));
      }
      if (f.suppressed) result.suppressions = [{ kind: 'inSource' }];
      results.push(result);
    }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dci-lint',
            version,
            informationUri: 'https://github.com/dci-lint/dci-lint',
            rules: RULES.map((rule) => ({
              id: rule.meta.id,
              shortDescription: { text: rule.meta.summary },
              helpUri: docsUrl(rule.meta.id),
              defaultConfiguration: { level: LEVEL[rule.meta.defaultSeverity] },
              properties: { graded: rule.meta.graded, fixable: rule.meta.fixable },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(process.cwd()).href.replace(/\/?$/, '/')}` } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
