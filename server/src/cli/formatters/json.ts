import type { FileReport } from './types';

export function formatJson(reports: FileReport[]): string {
  return JSON.stringify(reports, null, 2);
}
