import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadConfig, PROJECT_ROOT } from '../../src/config.ts';
import { ConfigError } from '../../src/config-error.ts';
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

const configMap = manifest('base/configmap.yaml', 'ConfigMap');
const secret = manifest('secret.example.yaml', 'Secret');
const deployment = manifest('base/deployment.yaml', 'Deployment');
const pdb = manifest('base/pdb.yaml', 'PodDisruptionBudget');
const service = manifest('base/service.yaml', 'Service');
const cronJobComponent = manifest('components/digest-cronjob/kustomization.yaml', 'Component');
const cronJob = manifest('components/digest-cronjob/cronjob-digest.yaml', 'CronJob');
const redisComponent = manifest('components/redis/kustomization.yaml', 'Component');
const redis = manifest('components/redis/statefulset.yaml', 'StatefulSet');
const redisService = manifest('components/redis/service.yaml', 'Service');
const redisPolicy = manifest('components/redis/networkpolicy.yaml', 'NetworkPolicy');
const single = manifest('overlays/single-replica/kustomization.yaml', 'Kustomization');
const pvc = manifest('overlays/single-replica/pvc.yaml', 'PersistentVolumeClaim');

const botLabels = deployment.spec.template.metadata.labels;

/** The one document of a kustomize patch, parsed as Kubernetes parses it. */
function patchFor(kustomization: Json, kind: string): Json {
  const entry = kustomization.patches.find((patch: Json) => patch.target?.kind === kind);
  if (!entry) throw new Error(`no ${kind} patch`);
  const parsed = parseAllDocuments(entry.patch, { version: '1.1' });
  return (Array.isArray(parsed) ? parsed[0] : parsed)?.toJS();
}

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

/** Where a pod keeps /data: the volume's source, checked by the caller. */
function dataVolume(podSpec: Json): Json {
  const mount = podSpec.containers[0].volumeMounts.find((m: Json) => m.mountPath === '/data');
  return podSpec.volumes?.find((v: Json) => v.name === mount?.name);
}

function expectHardenedPod(podSpec: Json, what: string, user = 1000): void {
  expect(podSpec.automountServiceAccountToken, what).toBe(false);
  expect(podSpec.terminationGracePeriodSeconds, `${what}: main.ts exits within 18 s of SIGTERM`).toBeGreaterThanOrEqual(20);
  expect(podSpec.securityContext, what).toMatchObject({
    runAsNonRoot: true,
    runAsUser: user,
    runAsGroup: user,
    fsGroup: user,
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
    expect(container.image, `${what}: a pinned tag, never latest`).toMatch(/:\d+\.\d+\.\d+(-[a-z0-9.]+)?$/);
    // The root filesystem is read-only: /data and /tmp are the only writable places.
    const mounts = Object.fromEntries(container.volumeMounts.map((m: Json) => [m.mountPath, m.name]));
    expect(Object.keys(mounts).sort(), what).toEqual(['/data', '/tmp']);
    const volumes = Object.fromEntries((podSpec.volumes ?? []).map((v: Json) => [v.name, v]));
    expect(volumes[mounts['/tmp']]?.emptyDir, `${what}: /tmp on an emptyDir`).toBeDefined();
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef) expect(source.configMapRef.name).toBe(configMap.metadata.name);
      if (source.secretRef) expect(source.secretRef.name).toBe(secret.metadata.name);
    }
  }
}

/** The kustomizations and components, each with the directory its paths are relative to. */
const kustomizations = files
  .filter((file) => file.endsWith('kustomization.yaml'))
  .map((file) => ({ dir: path.posix.dirname(file), doc: documents.get(file)![0] }));

/** Renders a setup with kubectl's kustomize, the components that are commented out listed. */
function kustomize(dir: string, components: string[]): Json[] {
  const copy = mkdtempSync(path.join(tmpdir(), 'kustomize-'));
  try {
    cpSync(DIR, copy, { recursive: true });
    const file = path.join(copy, dir, 'kustomization.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `${text}\ncomponents:\n${components.map((c) => `  - ${c}`).join('\n')}\n`);
    const out = execFileSync('kubectl', ['kustomize', path.join(copy, dir)], { encoding: 'utf8' });
    return parseAllDocuments(out, { version: '1.1' }).map((doc) => doc.toJS());
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

function envOf(container: Json): Record<string, Json> {
  return Object.fromEntries((container.env ?? []).map((variable: Json) => [variable.name, variable]));
}

/** The bot's env as the kubelet builds it: ConfigMap, then Secret, then env with $(VAR) expanded. */
function expandedEnv(container: Json, secrets: Record<string, Record<string, string>>): Record<string, string> {
  const env = containerEnv({ envFrom: container.envFrom }, configMap.data, VALID_SECRET);
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    env[variable.name] = ref
      ? (secrets[ref.name]?.[ref.key] ?? '')
      : String(variable.value).replace(/\$\(([A-Z_]+)\)/g, (_, name: string) => env[name] ?? '');
  }
  return env;
}

describe('deploy/kubernetes', () => {
  it('parses, and reads the same as YAML 1.1 (Kubernetes) and 1.2: no unquoted on, off, yes or no', async () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'base/configmap.yaml',
        'base/deployment.yaml',
        'base/pdb.yaml',
        'base/service.yaml',
        'components/digest-cronjob/cronjob-digest.yaml',
        'components/redis/statefulset.yaml',
        'kustomization.yaml',
        'overlays/single-replica/kustomization.yaml',
        'overlays/single-replica/pvc.yaml',
        'secret.example.yaml',
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

  it('lists every manifest in a kustomization or component, and no Secret', () => {
    const listed = new Set<string>();
    for (const { dir, doc } of kustomizations) {
      for (const resource of doc.resources ?? []) {
        const target = path.posix.normalize(path.posix.join(dir, resource));
        if (target.endsWith('.yaml')) expect(files, `${dir}: ${resource} exists`).toContain(target);
        else expect(files, `${dir}: ${resource} is a kustomization`).toContain(path.posix.join(target, 'kustomization.yaml'));
        listed.add(target);
      }
      for (const component of doc.components ?? []) {
        expect(files).toContain(path.posix.join(path.posix.normalize(path.posix.join(dir, component)), 'kustomization.yaml'));
      }
    }
    const expected = files.filter((file) => !file.endsWith('kustomization.yaml') && file !== 'secret.example.yaml');
    expect([...listed].filter((file) => file.endsWith('.yaml')).sort()).toEqual(expected);
    const base = documents.get('base/kustomization.yaml')![0];
    expect(base.images.map((image: Json) => image.name)).toContain(deployment.spec.template.spec.containers[0].image.split(':')[0]);
  });

  it('uses only environment variables that src/config.ts reads, with values it accepts', async () => {
    const known = await configVariables();
    expect(known.size).toBeGreaterThan(10);
    const names = [...Object.keys(configMap.data), ...Object.keys(secret.stringData), 'SLACK_APP_TOKEN'];
    for (const name of names) expect(known, `${name} is read by src/config.ts`).toContain(name);
    const botContainers = [
      deployment.spec.template.spec.containers[0],
      cronJob.spec.jobTemplate.spec.template.spec.containers[0],
      ...['Deployment', 'CronJob'].map((kind) => {
        const spec = patchFor(redisComponent, kind).spec;
        return (spec.template ?? spec.jobTemplate.spec.template).spec.containers[0];
      }),
    ];
    for (const container of botContainers) {
      const values = (container.env ?? []).map((variable: Json) => String(variable.value ?? ''));
      for (const variable of container.env ?? []) {
        // A variable that only feeds $(NAME) in another one is Kubernetes' business, not the bot's.
        if (values.some((value: string) => value.includes(`$(${variable.name})`))) continue;
        expect(known, `${variable.name} is read by src/config.ts`).toContain(variable.name);
      }
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
    expect(Object.keys(secret.stringData)).toContain('REDIS_URL');
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

  it('runs two hardened replicas that roll out and drain with one always ready, on Redis', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    const pod = deployment.spec.template.spec;
    expectHardenedPod(pod, 'Deployment');
    expect(deployment.spec.selector.matchLabels).toEqual(botLabels);
    expect(pod.topologySpreadConstraints).toEqual([
      expect.objectContaining({ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: botLabels } }),
    ]);
    // Two replicas with a file store each would post every digest twice: no REDIS_URL, no pod.
    const redisUrl = envOf(pod.containers[0]).REDIS_URL;
    expect(redisUrl.valueFrom.secretKeyRef).toEqual({ name: secret.metadata.name, key: 'REDIS_URL' });
    expect(dataVolume(pod).emptyDir, 'the state is in Redis, not on a volume').toBeDefined();

    expect(pdb.spec.minAvailable).toBe(1);
    expect(pdb.spec.selector.matchLabels).toEqual(botLabels);
  });

  it('probes /healthz and /readyz on the port the bot listens on', () => {
    const [container] = deployment.spec.template.spec.containers;
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
    expect(service.spec.selector).toEqual(botLabels);
    expect(service.spec.ports).toEqual([expect.objectContaining({ name: 'http', targetPort: 'http' })]);
  });

  it('offers a Redis component: persistent, password-protected, hardened, reachable by the bot only', () => {
    const pod = redis.spec.template.spec;
    expectHardenedPod(pod, 'Redis', 999);
    expect(redis.spec.replicas).toBe(1);
    const [container] = pod.containers;
    const command = [...container.command, ...container.args].join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--requirepass "$REDIS_PASSWORD"');
    const env = envOf(container);
    for (const name of ['REDIS_PASSWORD', 'REDISCLI_AUTH']) {
      expect(env[name].valueFrom.secretKeyRef).toEqual({ name: 'kubecon-bot-redis', key: 'password' });
    }
    // redis-cli exits 0 on an error reply: the probes must compare the answer.
    for (const probe of [container.startupProbe, container.readinessProbe]) expect(probe.exec.command.join(' ')).toContain('= PONG');
    expect(container.livenessProbe).toBeDefined();
    const [claim] = redis.spec.volumeClaimTemplates;
    expect(container.volumeMounts.find((m: Json) => m.mountPath === '/data').name).toBe(claim.metadata.name);
    expect(claim.spec.accessModes).toEqual(['ReadWriteOnce']);

    const redisLabels = redis.spec.template.metadata.labels;
    expect(redis.spec.selector.matchLabels).toEqual(redisLabels);
    expect(redisService.spec.selector).toEqual(redisLabels);
    expect(redis.spec.serviceName).toBe(redisService.metadata.name);
    expect(redisService.spec.ports).toEqual([expect.objectContaining({ port: 6379, targetPort: 'redis' })]);

    expect(redisPolicy.spec.podSelector.matchLabels).toEqual(redisLabels);
    expect(redisPolicy.spec.policyTypes).toEqual(['Ingress']);
    const [rule] = redisPolicy.spec.ingress;
    expect(redisPolicy.spec.ingress).toHaveLength(1);
    expect(rule.ports).toEqual([{ port: 'redis', protocol: 'TCP' }]);
    const allowed = Object.fromEntries(rule.from[0].podSelector.matchExpressions.map((e: Json) => [e.key, e.values]));
    expect(allowed).toEqual({
      'app.kubernetes.io/name': [botLabels['app.kubernetes.io/name']],
      'app.kubernetes.io/component': ['bot', cronJob.spec.jobTemplate.spec.template.metadata.labels['app.kubernetes.io/component']],
    });
  });

  it('points the bot and the CronJob at that Redis, with a REDIS_URL the bot accepts', () => {
    const password = 'a'.repeat(64);
    for (const kind of ['Deployment', 'CronJob']) {
      const spec = patchFor(redisComponent, kind).spec;
      const [container] = (spec.template ?? spec.jobTemplate.spec.template).spec.containers;
      const names = container.env.map((variable: Json) => variable.name);
      // Kubernetes expands $(NAME) only from variables defined before.
      expect(names, kind).toEqual(['REDIS_PASSWORD', 'REDIS_URL']);
      expect(envOf(container).REDIS_URL.valueFrom, `${kind}: the base's secretKeyRef is removed`).toBeNull();
      const env = expandedEnv(container, { 'kubecon-bot-redis': { password } });
      const config = loadConfig({ env: { ...env, DIGEST_SCHEDULER: 'on' }, envFile: undefined });
      const url = new URL(config.redisUrl!);
      expect(url.password).toBe(password);
      expect(`${url.hostname}:${url.port}`).toBe(`${redisService.metadata.name}:${redisService.spec.ports[0].port}`);
    }
  });

  it('keeps the one-replica file-store setup as an overlay: one pod, Recreate, a volume, no Redis', () => {
    expect(single.resources).toEqual(['../../base', 'pvc.yaml']);
    const patched = patchFor(single, 'Deployment').spec;
    expect(patched.replicas).toBe(1);
    expect(patched.strategy).toEqual({ type: 'Recreate', rollingUpdate: null });
    expect(patched.template.spec.containers[0].env).toEqual([{ name: 'REDIS_URL', $patch: 'delete' }]);
    expect(patched.template.spec.volumes).toEqual([
      { name: dataVolume(deployment.spec.template.spec).name, emptyDir: null, persistentVolumeClaim: { claimName: pvc.metadata.name } },
    ]);
    expect(patchFor(single, 'PodDisruptionBudget')).toMatchObject({ $patch: 'delete', metadata: { name: pdb.metadata.name } });
    expect(pvc.spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(pvc.spec.resources.requests.storage).toMatch(/^\d+[MG]i$/);

    // The CronJob, when used, mounts the same volume on the node that has it.
    const job = patchFor(single, 'CronJob').spec.jobTemplate.spec.template.spec;
    const affinity = job.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0];
    expect(affinity.topologyKey).toBe('kubernetes.io/hostname');
    expect(affinity.labelSelector.matchLabels).toEqual(botLabels);
    expect(job.volumes[0].persistentVolumeClaim.claimName).toBe(pvc.metadata.name);
  });

  it('offers the digest as a CronJob that runs the compiled digest CLI and switches the in-process scheduler off', () => {
    const pod = cronJob.spec.jobTemplate.spec.template.spec;
    expectHardenedPod(pod, 'CronJob');
    expect(pod.restartPolicy).toBe('Never');
    expect(cronJob.spec.concurrencyPolicy).toBe('Forbid');
    const [container] = pod.containers;
    expect(container.image).toBe(deployment.spec.template.spec.containers[0].image);
    expect(container.command).toEqual(['node', '--enable-source-maps', 'dist/cli/digest.js', '--now']);
    expect(envOf(container).REDIS_URL).toEqual(envOf(deployment.spec.template.spec.containers[0]).REDIS_URL);

    const [patch] = cronJobComponent.patches;
    const patched = parseAllDocuments(patch.patch, { version: '1.1' });
    const doc = (Array.isArray(patched) ? patched[0] : patched)?.toJS();
    expect(doc).toMatchObject({ kind: 'ConfigMap', metadata: { name: configMap.metadata.name }, data: { DIGEST_SCHEDULER: 'off' } });
    const config = loadConfig({ env: { ...configMap.data, ...doc.data, ...VALID_SECRET }, envFile: undefined });
    expect(config.digest.scheduler).toBe(false);
  });

  // Rendered by kustomize itself where kubectl is installed: the patches above do what they say.
  describe.skipIf(!hasKubectl)('rendered with kubectl kustomize', () => {
    const byKind = (docs: Json[], kind: string) => docs.filter((doc) => doc.kind === kind);
    it('two replicas with both components: the bot and the CronJob on the component Redis', () => {
      const docs = kustomize('.', ['components/digest-cronjob', 'components/redis']);
      const [bot] = byKind(docs, 'Deployment');
      expect(bot.spec.replicas).toBe(2);
      expect(byKind(docs, 'PodDisruptionBudget')).toHaveLength(1);
      expect(byKind(docs, 'StatefulSet')).toHaveLength(1);
      const [job] = byKind(docs, 'CronJob');
      for (const container of [bot.spec.template.spec.containers[0], job.spec.jobTemplate.spec.template.spec.containers[0]]) {
        const env = envOf(container);
        expect(Object.keys(env)).toEqual(['REDIS_PASSWORD', 'REDIS_URL']);
        expect(env.REDIS_URL).toEqual({ name: 'REDIS_URL', value: 'redis://:$(REDIS_PASSWORD)@kubecon-bot-redis:6379/0' });
      }
      expect(byKind(docs, 'ConfigMap')[0].data.DIGEST_SCHEDULER).toBe('off');
    });

    it('one replica with the CronJob: both on the volume, no Redis, no budget', () => {
      const docs = kustomize('overlays/single-replica', ['../../components/digest-cronjob']);
      const [bot] = byKind(docs, 'Deployment');
      expect(bot.spec.replicas).toBe(1);
      expect(bot.spec.strategy).toEqual({ type: 'Recreate' });
      expect(byKind(docs, 'PodDisruptionBudget')).toHaveLength(0);
      const [job] = byKind(docs, 'CronJob');
      for (const pod of [bot.spec.template.spec, job.spec.jobTemplate.spec.template.spec]) {
        expect(envOf(pod.containers[0]).REDIS_URL).toBeUndefined();
        expect(dataVolume(pod)).toEqual({ name: 'data', persistentVolumeClaim: { claimName: pvc.metadata.name } });
      }
      expect(job.spec.jobTemplate.spec.template.spec.affinity.podAffinity).toBeDefined();
    });
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
