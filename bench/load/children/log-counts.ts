export interface LogCounts {
  warnings: number;
  errors: number;
  firstProblems: string[];
}

export const noLogCounts = (): LogCounts => ({ warnings: 0, errors: 0, firstProblems: [] });

/** Counts the warnings and errors a server logs, keeping the first few; the lines are not written. */
export function countingWrite(counts: LogCounts): (line: string) => void {
  return (line) => {
    const { level, msg } = JSON.parse(line) as { level: string; msg: string };
    if (level !== 'warn' && level !== 'error') return;
    if (level === 'warn') counts.warnings += 1;
    else counts.errors += 1;
    if (counts.firstProblems.length < 5) counts.firstProblems.push(`${level}: ${msg}`);
  };
}
