/**
 * The README's test command (`./cajero test`, after set-up): type-check, layering, lint, build the
 * screen, then every test with vitest. Ends with one line `N passed, N failed, N skipped`.
 * With arguments, only vitest runs, with those arguments (a quick way to run one test file).
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runStep } from './run-step.ts';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const args = process.argv.slice(2);
const resultsFile = path.join(root, '.test-results', 'vitest.json');

const steps: Array<[string, string, string[]]> =
  args.length > 0
    ? []
    : [
        ['type-check (Node code)', bin('tsc'), ['-p', 'tsconfig.json']],
        ['type-check (screen)', bin('tsc'), ['-p', 'renderer/tsconfig.json']],
        ['layering', process.execPath, ['test/layering/main.ts']],
        ['lint', bin('biome'), ['lint', '.']],
        ['format', bin('biome'), ['format', '.']],
        [
          'build the screen',
          bin('vite'),
          ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
        ],
      ];

const failed: string[] = [];
for (const [title, command, stepArgs] of steps) {
  if (!runStep(title, command, stepArgs, root).ok) failed.push(title);
}

rmSync(resultsFile, { force: true });
mkdirSync(path.dirname(resultsFile), { recursive: true });
const vitest = runStep(
  'tests (vitest)',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile=${resultsFile}`, ...args],
  root,
);
if (!vitest.ok) failed.push('tests');

let counts = { passed: 0, failed: 0, skipped: 0 };
try {
  const report = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  counts = {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
} catch {
  failed.push('reading the test report');
}

if (failed.length > 0) console.log(`\nFailed steps: ${failed.join(', ')}`);
if (args.length > 0) console.log('\n(only vitest ran, with the arguments given)');
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exitCode = failed.length === 0 && counts.failed === 0 && counts.passed > 0 ? 0 : 1;
