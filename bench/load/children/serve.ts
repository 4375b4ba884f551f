import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import { type ProfileSummary, send } from '../protocol.ts';
import { type LogCounts, noLogCounts } from './log-counts.ts';
import { startProfile } from './profile.ts';

/** Samples memory until the parent asks for the figures (and profiles when asked to). */
export function serve(url: string, counts: LogCounts = noLogCounts()): void {
  const idleRss = process.memoryUsage.rss();
  let sampledPeakRss = idleRss;
  let heapAtPeak = { total: 0, young: 0, used: 0 };
  setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss <= sampledPeakRss) return;
    sampledPeakRss = rss;
    const spaces = v8.getHeapSpaceStatistics();
    heapAtPeak = {
      total: spaces.reduce((sum, s) => sum + s.space_size, 0),
      young: spaces.filter((s) => s.space_name.startsWith('new_')).reduce((sum, s) => sum + s.space_size, 0),
      used: spaces.reduce((sum, s) => sum + s.space_used_size, 0),
    };
  }, 10).unref();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let stopProfile: (() => Promise<ProfileSummary>) | undefined;
  process.on('message', async (message: { type?: string }) => {
    if (message.type === 'profiling') {
      stopProfile = await startProfile(process.env.BENCH_PROFILE_DIR ?? '.', process.env.BENCH_PROFILE_NAME ?? 'server');
      send({ type: 'profiling' });
    } else if (message.type === 'stats') {
      const profile = await stopProfile?.();
      const heapLimit = v8.getHeapStatistics().heap_size_limit;
      const loopDelay = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
      send({
        type: 'stats',
        stats: {
          maxRss: process.resourceUsage().maxRSS * 1024,
          sampledPeakRss,
          idleRss,
          heapAtPeak,
          heapLimit,
          loopDelay,
          profile,
          ...counts,
        },
      });
    }
  });
  send({ type: 'ready', url });
}
