// ESLint's "stylish": a block per file, one line per finding, a summary at the end.
import type { FileReport } from './types';

const useColor = () => !!process.stdout.isTTY && !process.env.NO_COLOR;

export function formatStylish(reports: FileReport[]): string {
  const color = useColor();
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor: Record<string, string> = { error: '31', warning: '33', info: '36', hint: '90' };
  const lines: string[] = [];
  const totals = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of reports) {
    const shown = r.findings.filter((f) => !f.suppressed);
    if (shown.length === 0) continue;
    lines.push('', paint('4', r.file));
    const posWidth = Math.max(...shown.map((f) => `${f.line}:${f.column}`.length));
    for (const f of shown) {
      totals[f.severity]++;
      const pos = `${f.line}:${f.column}`.padEnd(posWidth);
      lines.push(`  ${paint('2', pos)}  ${paint(sevColor[f.severity]!, f.severity.padEnd(7))}  ${f.message}  ${paint('2', f.ruleId)}`);
    }
  }
  const problems = totals.error + totals.warning + totals.info + totals.hint;
  if (problems === 0) return '';
  const parts = [`${totals.error} error${totals.error === 1 ? '' : 's'}`, `${totals.warning} warning${totals.warning === 1 ? '' : 's'}`, `${totals.info} info`];
  lines.push('', paint(totals.error ? '31;1' : '33;1', `✖ ${problems} problem${problems === 1 ? '' : 's'} (${parts.join(', ')})`), '');
  return lines.join('\n');
}
