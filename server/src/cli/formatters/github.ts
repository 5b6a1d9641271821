// GitHub Actions workflow commands: annotations on the pull request diff.
import type { FileReport } from './types';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(reports: FileReport[]): string {
  const out: string[] = [];
  for (const r of reports)
    for (const f of r.findings) {
      if (f.suppressed) continue;
      const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${escapeProperty(r.file)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${f.endLine}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(`dci-lint ${f.ruleId}`)}`,
      ];
      out.push(`::${level} ${props.join(',')}::${escapeData(f.message)}`);
    }
  return out.join('\n');
}
