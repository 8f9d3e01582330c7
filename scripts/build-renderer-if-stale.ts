/**
 * Builds the screen when its sources changed since the last build (start stays fast otherwise).
 * The fingerprint covers renderer/ sources, the KioskApi contract and the lockfile.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PRODUCTION_BUILD_ENV, runStep } from './run-step.ts';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'renderer', 'dist');
const stampFile = path.join(dist, '.source-hash');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.name === 'dist' || entry.name === 'node_modules') return [];
    return entry.isDirectory() ? sources(full) : [full];
  });
}

const files = [
  ...sources(path.join(root, 'renderer')),
  path.join(root, 'core', 'api', 'contract.ts'),
  path.join(root, 'package-lock.json'),
].sort();
const hash = createHash('sha256');
for (const file of files)
  hash
    .update(file)
    .update(String(statSync(file).size))
    .update(readFileSync(file));
const fingerprint = hash.digest('hex');

if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint) process.exit(0);
const { ok } = runStep(
  'build the screen',
  path.join(root, 'node_modules', '.bin', 'vite'),
  ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
  root,
  PRODUCTION_BUILD_ENV,
);
if (!ok) {
  console.error('cajero: the screen did not build: read the lines above.');
  process.exit(1);
}
writeFileSync(stampFile, fingerprint);
