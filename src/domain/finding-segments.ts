import type { StatementFinding, StatementRule } from './statement-lint';

/** A run of a statement, marked with the lint rules that cover it. */
export interface FindingSegment {
  text: string;
  rules: StatementRule[];
  blocking: boolean;
}

/**
 * Step 6: the statement cut into runs so the reviewer sees each finding in place. Findings
 * of different rules may overlap; every run lists all that cover it. A secret is never
 * echoed: its run shows the finding's masked excerpt once, in place of the whole secret.
 */
export function findingSegments(text: string, findings: readonly StatementFinding[]): FindingSegment[] {
  const cuts = new Set([0, text.length]);
  for (const finding of findings) {
    cuts.add(Math.max(0, Math.min(text.length, finding.start)));
    cuts.add(Math.max(0, Math.min(text.length, finding.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: FindingSegment[] = [];
  for (let index = 0; index + 1 < points.length; index += 1) {
    const start = points[index] as number;
    const end = points[index + 1] as number;
    const covering = findings.filter((finding) => finding.start <= start && finding.end >= end);
    const secret = covering.find((finding) => finding.rule === 'secret');
    const shown = secret ? (secret.start === start ? secret.match : '') : text.slice(start, end);
    if (shown === '') continue;
    segments.push({ text: shown, rules: [...new Set(covering.map((finding) => finding.rule))], blocking: covering.some((finding) => finding.blocking) });
  }
  return segments;
}
