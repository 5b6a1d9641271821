import type { Finding } from '../../core';

/** One linted file, findings with 1-based line/column computed. */
export interface FileReport {
  file: string;
  findings: ReportedFinding[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

export interface ReportedFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  data: Record<string, unknown>;
  suppressed: boolean;
  related: Array<{ file: string; line: number; column: number; endLine: number; endColumn: number; message: string }>;
}
