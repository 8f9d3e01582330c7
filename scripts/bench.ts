/**
 * `npm run bench`: runs every benchmark (`*.bench.ts` files run as plain Node programs) one after
 * another; each prints its own figures. Benchmarks are not tests: they never fail on a figure.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { runStep } from './run-step.ts';

const root = path.resolve(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', 'dist', '.git', '.tools', 'data']);
const filter = process.argv[2];

function find(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return find(full);
    return entry.name.endsWith('.bench.ts') ? [full] : [];
  });
}

const benches = find(root)
  .map((file) => path.relative(root, file))
  .filter((file) => filter === undefined || file.includes(filter))
  .sort();
if (benches.length === 0) console.log('no benchmarks found');
let failures = 0;
for (const bench of benches) {
  if (!runStep(bench, process.execPath, [bench], root).ok) failures += 1;
}
process.exitCode = failures === 0 ? 0 : 1;
