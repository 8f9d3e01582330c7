import { spawnSync } from 'node:child_process';

/** Runs one step of a script, inheriting the terminal; returns whether it passed and how long it took. */
export function runStep(
  title: string,
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): { ok: boolean; ms: number } {
  console.log(`\n▶ ${title}`);
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env });
  const ms = Math.round(performance.now() - started);
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${title} (${(ms / 1000).toFixed(1)} s)`);
  return { ok, ms };
}

/** The environment of a production build: vitest runs under NODE_ENV=test, which would give the
 * screen React's development build. */
export const PRODUCTION_BUILD_ENV: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
