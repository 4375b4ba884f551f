import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ConfigError, loadConfig, PROJECT_ROOT } from '../../src/config.ts';
import { healthRoutes } from '../../src/http/health.ts';

/**
 * Every manifest under deploy/kubernetes, parsed, and checked against what the bot needs:
 * a hardened pod, probes on the routes and ports the bot serves, environment variable
 * names the bot reads, and one set of names (ConfigMap, Secret, volume) that agree.
 */

/** A parsed manifest: checked field by field below. */
// biome-ignore lint/suspicious/noExplicitAny: parsed YAML manifests, read field by field in the assertions
type Json = any;

const DIR = path.join(PROJECT_ROOT, 'deploy', 'kubernetes');

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries
    .map(String)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort();
}

const files = await yamlFiles(DIR);
const digestScript = (JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> })
  .scripts?.digest;
/** Every document of every file, as Kubernetes reads it: YAML 1.1, where on, off, yes and no are booleans. */
const documents = new Map<string, Json[]>();
for (const file of files) {
  const text = await readFile(path.join(DIR, file), 'utf8');
  const parsed = parseAllDocuments(text, { version: '1.1' });
  const list = Array.isArray(parsed) ? parsed : [parsed];
  documents.set(
    file,
    list.map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS();
    }),
  );
}

function manifest(file: string, kind: string): Json {
  const found = documents.get(file)?.find((doc) => doc?.kind === kind);
  if (!found) throw new Error(`${file} has no ${kind}`);
  return found;
}

const configMap = manifest('configmap.yaml', 'ConfigMap');
const secret = manifest('secret.example.yaml', 'Secret');
const pvc = manifest('pvc.yaml', 'PersistentVolumeClaim');
const deployment = manifest('deployment.yaml', 'Deployment');
const service = manifest('service.yaml', 'Service');
const kustomization = manifest('kustomization.yaml', 'Kustomization');
const component = manifest('digest-cronjob/kustomization.yaml', 'Component');
const cronJob = manifest('digest-cronjob/cronjob-digest.yaml', 'CronJob');

/** The variables src/config.ts reads: the keys of its EnvSchema. */
async function configVariables(): Promise<Set<string>> {
  const source = await readFile(path.join(PROJECT_ROOT, 'src', 'config.ts'), 'utf8');
  const schema = /const EnvSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1];
  if (!schema) throw new Error('EnvSchema not found in src/config.ts');
  return new Set([...schema.matchAll(/^\s{2}([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1]!));
}

/** The env of a container, ConfigMap and Secret values merged as the kubelet does (Secret last, so it wins). */
function containerEnv(container: Json, configData: Record<string, string>, secretData: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, configData);
    if (source.secretRef) Object.assign(env, secretData);
  }
  for (const variable of container.env ?? []) env[variable.name] = variable.value;
  return env;
}

const VALID_SECRET = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: '0123456789abcdef0123' };

function expectHardenedPod(podSpec: Json, what: string): void {
  expect(podSpec.automountServiceAccountToken, what).toBe(false);
  expect(podSpec.terminationGracePeriodSeconds, `${what}: main.ts exits within 10 s of SIGTERM`).toBeGreaterThanOrEqual(15);
  expect(podSpec.securityContext, what).toMatchObject({
    runAsNonRoot: true,
    runAsUser: 1000,
    runAsGroup: 1000,
    fsGroup: 1000,
    seccompProfile: { type: 'RuntimeDefault' },
  });
  for (const container of podSpec.containers) {
    expect(container.securityContext, `${what}: ${container.name}`).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    });
    for (const kind of ['requests', 'limits']) {
      expect(container.resources?.[kind]?.cpu, `${what}: ${kind}.cpu`).toMatch(/^\d+m?$/);
      expect(container.resources?.[kind]?.memory, `${what}: ${kind}.memory`).toMatch(/^\d+[MG]i$/);
    }
    expect(container.image, `${what}: a pinned tag, never latest`).toMatch(/:\d+\.\d+\.\d+$/);
    // The root filesystem is read-only: DATA_DIR and /tmp are the only writable places.
    const mounts = Object.fromEntries(container.volumeMounts.map((m: Json) => [m.mountPath, m.name]));
    const volumes = Object.fromEntries(podSpec.volumes.map((v: Json) => [v.name, v]));
    expect(volumes[mounts['/data']]?.persistentVolumeClaim?.claimName, `${what}: /data on the PVC`).toBe(pvc.metadata.name);
    expect(volumes[mounts['/tmp']]?.emptyDir, `${what}: /tmp on an emptyDir`).toBeDefined();
    for (const source of container.envFrom) {
      if (source.configMapRef) expect(source.configMapRef.name).toBe(configMap.metadata.name);
      if (source.secretRef) expect(source.secretRef.name).toBe(secret.metadata.name);
    }
  }
}

describe('deploy/kubernetes', () => {
  it('parses, and reads the same as YAML 1.1 (Kubernetes) and 1.2: no unquoted on, off, yes or no', async () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'configmap.yaml',
        'deployment.yaml',
        'digest-cronjob/cronjob-digest.yaml',
        'kustomization.yaml',
        'pvc.yaml',
        'secret.example.yaml',
        'service.yaml',
      ]),
    );
    for (const file of files) {
      const text = await readFile(path.join(DIR, file), 'utf8');
      const modern = parseAllDocuments(text, { version: '1.2' });
      expect(
        (Array.isArray(modern) ? modern : [modern]).map((doc) => doc.toJS()),
        file,
      ).toEqual(documents.get(file));
    }
    for (const [key, value] of Object.entries(configMap.data)) expect(typeof value, `ConfigMap ${key}`).toBe('string');
  });

  it('lists every manifest in the kustomization or its component, and no Secret', () => {
    const listed = [...kustomization.resources, ...component.resources.map((file: string) => `digest-cronjob/${file}`)];
    for (const file of listed) expect(files, `${file} exists`).toContain(file);
    const expected = files.filter((file) => !file.endsWith('kustomization.yaml') && file !== 'secret.example.yaml');
    expect([...listed].sort()).toEqual(expected);
    expect(kustomization.images.map((image: Json) => image.name)).toContain(
      deployment.spec.template.spec.containers[0].image.split(':')[0],
    );
  });

  it('uses only environment variables that src/config.ts reads, with values it accepts', async () => {
    const known = await configVariables();
    expect(known.size).toBeGreaterThan(10);
    const names = [...Object.keys(configMap.data), ...Object.keys(secret.stringData), 'SLACK_APP_TOKEN'];
    for (const name of names) expect(known, `${name} is read by src/config.ts`).toContain(name);
    for (const pod of [deployment.spec.template.spec, cronJob.spec.jobTemplate.spec.template.spec]) {
      for (const container of pod.containers) for (const variable of container.env ?? []) expect(known).toContain(variable.name);
    }

    const config = loadConfig({
      env: containerEnv(deployment.spec.template.spec.containers[0], configMap.data, VALID_SECRET),
      envFile: undefined,
    });
    expect(config.mode).toBe('http');
    expect(config.dataDir).toBe('/data');
    expect(config.digest.scheduler).toBe(true);
    expect(config.digest.cron).toBe(cronJob.spec.schedule);
    expect(config.digest.timezone).toBe(cronJob.spec.timeZone);
  });

  it('has Secret placeholders that stop the bot at start-up, naming each variable', () => {
    expect(secret.type).toBe('Opaque');
    for (const value of Object.values(secret.stringData)) expect(value).toMatch(/REPLACE ME/);
    let problem: unknown;
    try {
      loadConfig({ env: { ...configMap.data, ...secret.stringData }, envFile: undefined });
    } catch (error) {
      problem = error;
    }
    expect(problem).toBeInstanceOf(ConfigError);
    const message = (problem as ConfigError).message;
    for (const name of Object.keys(secret.stringData)) expect(message).toContain(name);
  });

  it('runs one hardened replica, probed on /healthz and /readyz on the port the bot listens on', () => {
    expect(deployment.spec.replicas, 'the digest scheduler and its state are per process').toBe(1);
    expect(deployment.spec.strategy.type).toBe('Recreate');
    const pod = deployment.spec.template.spec;
    expectHardenedPod(pod, 'Deployment');
    expect(deployment.spec.selector.matchLabels).toEqual(deployment.spec.template.metadata.labels);

    const [container] = pod.containers;
    expect(container.command, 'the image CMD (node dist/main.js) starts the bot').toBeUndefined();
    const ports = Object.fromEntries(container.ports.map((p: Json) => [p.name, p.containerPort]));
    const config = loadConfig({ env: containerEnv(container, configMap.data, VALID_SECRET), envFile: undefined });
    expect(ports.http).toBe(config.port);
    expect(ports.health).toBe(config.healthPort);

    const routes = healthRoutes(() => ({})).map((route) => route.path);
    expect(routes).toEqual(['/healthz', '/readyz']);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    // HTTP mode (no SLACK_APP_TOKEN): health is served on PORT, which "http" names.
    expect(config.mode).toBe('http');
  });

  it('has a Service for HTTP mode in front of the bot pods', () => {
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
    expect(service.spec.ports).toEqual([expect.objectContaining({ name: 'http', targetPort: 'http' })]);
  });

  it('keeps DATA_DIR on a PersistentVolumeClaim', () => {
    expect(pvc.spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(pvc.spec.resources.requests.storage).toMatch(/^\d+[MG]i$/);
  });

  it('offers the digest as a CronJob that runs the compiled digest CLI and switches the in-process scheduler off', () => {
    const pod = cronJob.spec.jobTemplate.spec.template.spec;
    expectHardenedPod(pod, 'CronJob');
    expect(pod.restartPolicy).toBe('Never');
    expect(cronJob.spec.concurrencyPolicy).toBe('Forbid');
    const [container] = pod.containers;
    expect(container.image).toBe(deployment.spec.template.spec.containers[0].image);
    expect(container.command).toEqual(['node', '--enable-source-maps', 'dist/cli/digest.js', '--now']);
    // Scheduled next to the bot's pod, which holds the ReadWriteOnce volume.
    const affinity = pod.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0];
    expect(affinity.topologyKey).toBe('kubernetes.io/hostname');
    expect(affinity.labelSelector.matchLabels).toEqual(deployment.spec.template.metadata.labels);

    const [patch] = component.patches;
    const patched = parseAllDocuments(patch.patch, { version: '1.1' });
    const doc = (Array.isArray(patched) ? patched[0] : patched)?.toJS();
    expect(doc).toMatchObject({ kind: 'ConfigMap', metadata: { name: configMap.metadata.name }, data: { DIGEST_SCHEDULER: 'off' } });
    const config = loadConfig({ env: { ...configMap.data, ...doc.data, ...VALID_SECRET }, envFile: undefined });
    expect(config.digest.scheduler).toBe(false);
  });

  // src/cli/digest.ts is written separately; until it lands there is nothing to compare with.
  it.skipIf(digestScript === undefined && !existsSync(path.join(PROJECT_ROOT, 'src', 'cli', 'digest.ts')))(
    'has the CronJob run what `npm run digest` runs, compiled',
    () => {
      expect(existsSync(path.join(PROJECT_ROOT, 'src', 'cli', 'digest.ts'))).toBe(true);
      expect(digestScript).toMatch(/^node (--import \S+ )?src\/cli\/digest\.ts\b/);
    },
  );
});
