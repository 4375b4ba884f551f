import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root.ts';

/**
 * Node's flags before a script of ours, as the npm scripts start them: the compile cache
 * spares each child process the type stripping and compiling of every module (half of a
 * digest CLI's second), which in a suite of many child processes adds up.
 */
export const NODE_ARGS: readonly string[] = ['--import', path.join(PROJECT_ROOT, 'src/compile-cache.js')];

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface RunOptions {
  readonly input?: string;
  readonly timeoutMs?: number;
  /** Over this process's environment. */
  readonly env?: Record<string, string>;
}

function run(file: string, args: readonly string[], { input, timeoutMs = 15_000, env = {} }: RunOptions): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: PROJECT_ROOT,
      // Set by `npm -s test`, it would silence the npm that the README's lines run, and hide the banner they must do without.
      env: { ...process.env, npm_config_loglevel: undefined, ...env },
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Runs one of src/cli's commands as its own process, as `npm run` does, so exit codes and streams are the real ones. */
export function runCommand(script: string, args: readonly string[] = [], options: RunOptions = {}): Promise<Run> {
  return run(process.execPath, [...NODE_ARGS, path.join(PROJECT_ROOT, 'src/cli', script), ...args], options);
}

/** A shell command line run in the project's directory: how a person runs the README's lines. */
export function runShell(line: string, options: RunOptions = {}): Promise<Run> {
  return run('/bin/sh', ['-c', line], options);
}

/** No `    at file:///...` line: what a person sees is a message, not a crash. */
export const STACK_TRACE = /\n\s+at /;
