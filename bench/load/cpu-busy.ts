import { cpus } from 'node:os';

/** The share of the machine's CPU time spent busy during `ms`, this process idle meanwhile. */
export async function cpuBusy(ms: number): Promise<number> {
  const sample = () =>
    cpus().reduce((sum, cpu) => ({ idle: sum.idle + cpu.times.idle, all: sum.all + Object.values(cpu.times).reduce((a, b) => a + b, 0) }), {
      idle: 0,
      all: 0,
    });
  const before = sample();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = sample();
  return 1 - (after.idle - before.idle) / Math.max(1, after.all - before.all);
}
