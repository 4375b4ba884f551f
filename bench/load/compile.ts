import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The bench and the bot compiled to JavaScript, as the container runs the bot (dist/main.js):
 * Node's type stripping costs a process 20 to 30 MB of RSS that production does not pay.
 * Into node_modules/.cache, where module resolution still finds the project's packages.
 * From `entry` (bench/load.ts), tsc follows every import, the role modules' dynamic ones too.
 * Returns the compiled entry.
 */
export function compile(root: string, entry: string): string {
  const cache = path.join(root, 'node_modules', '.cache', 'kubecon-bot-bench');
  const outDir = path.join(cache, 'out');
  mkdirSync(cache, { recursive: true });
  const tsconfig = path.join(cache, 'tsconfig.json');
  const compilerOptions = {
    noEmit: false,
    outDir,
    rootDir: root,
    sourceMap: false,
    incremental: true,
    tsBuildInfoFile: path.join(cache, 'tsbuildinfo'),
  };
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(root, 'tsconfig.json'),
      compilerOptions,
      files: [entry],
      include: [],
    }),
  );
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], {
    encoding: 'utf8',
  });
  const compiled = path.join(outDir, path.relative(root, entry)).replace(/\.ts$/, '.js');
  // tsc emits despite type errors; those are npm run typecheck's business, not the bench's.
  if (!existsSync(compiled)) throw new Error(`could not compile the bench: ${tsc.stdout}${tsc.stderr}`);
  return compiled;
}
