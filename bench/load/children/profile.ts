import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProfileSummary } from '../protocol.ts';

/** Where a profiled request's time goes: the first bucket whose marker is on the sample's stack. */
const BUCKETS: readonly (readonly [string, RegExp])[] = [
  // bench/load.ts and bench/load/, from the sources or compiled.
  ['bench itself: profiler, RSS sampler', /bench\/load[./]|node:inspector/],
  [
    'answer: POST to the response_url (node:http client)',
    /@slack\/bolt\/dist\/context\/create-respond|src\/http\/slack-fetch|node:_http_client|node:_http_agent|node:internal\/deps\/undici|node:internal\/webstreams|abort_controller/,
  ],
  ['answer: search (src/search, fuse.js)', /src\/search\/|fuse\.js/],
  ['answer: Block Kit (src/blocks)', /src\/blocks\//],
  ['answer: parse, users.info cache, rest of the listener', /src\/(bot|slack\/listeners)\//],
  ['Bolt: signature check (HMAC, tsscmp)', /verify-request\.js|tsscmp/],
  ['Bolt: body read and parse', /HTTPModuleFunctions\.js|body-guard\.ts|node:querystring|raw-body/],
  ['Bolt: middleware, routing, ack', /@slack\/bolt\//],
  ['metrics (prom-client)', /prom-client/],
  ['node:http server', /node:_http_|node:net|node:internal\/stream/],
];

interface CpuProfile {
  nodes: { id: number; callFrame: { url: string; functionName: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

function summarise(profile: CpuProfile, file: string): ProfileSummary {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const bucketOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = bucketOf.get(id);
    if (known !== undefined) return known;
    const frames: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { url, functionName } = byId.get(at)!.callFrame;
      frames.push(url || functionName);
    }
    const leaf = byId.get(id)!.callFrame.functionName;
    const bucket =
      leaf === '(garbage collector)'
        ? 'garbage collector'
        : leaf === '(idle)'
          ? 'idle'
          : (BUCKETS.find(([, marker]) => frames.some((frame) => marker.test(frame)))?.[0] ?? 'other: promise and timer machinery');
    bucketOf.set(id, bucket);
    return bucket;
  };
  const totals = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    totals.set(classify(id), (totals.get(classify(id)) ?? 0) + ms);
  });
  return { file, totalMs, buckets: [...totals].sort((a, b) => b[1] - a[1]) };
}

/** A V8 CPU profile of the measured run only: start-up and warm-up left out. */
export async function startProfile(dir: string, name: string): Promise<() => Promise<ProfileSummary>> {
  // Loaded only when asked for: an unprofiled server's RSS should not include the inspector.
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}-${new Date().toISOString().replaceAll(':', '-')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return summarise(profile as unknown as CpuProfile, file);
  };
}
