/**
 * Screen benchmark (issue 9): the JavaScript the first screen needs, gzipped as a web server would send
 * it, and the cold start of `./cajero start` (core, simulators, embedded central) until Chromium shows
 * the first screen. Targets: ≤ 250 KB gzip of JavaScript for the first screen; ≤ 3 s cold start.
 *
 * "First screen JavaScript" is what index.html loads before anything is shown: its module scripts and
 * their modulepreload links (lazy chunks a later screen imports are listed apart). Cold start is measured
 * twice: the very first start on an empty data folder (the embedded central seeds its padrón and PKI
 * once) and restarts on the prepared folder, which is what a kiosk does every morning. Chromium is
 * launched before the clock starts: on the kiosk it is the shell, not part of our start.
 *
 * Plain Node program: `node test/bench/screen.bench.ts [restarts]`; it reports, it never fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../support/chromium.ts';
import { ensurePcscd } from '../support/pcscd.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DIST = path.join(ROOT, 'renderer', 'dist');
const TARGET_FIRST_SCREEN_GZIP = 250 * 1024;
const TARGET_COLD_START_MS = 3000;
const restarts = Number(process.argv[2] ?? 3);

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function bundleFigures(): void {
  let html: string;
  try {
    html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  } catch {
    console.log('screen bundle: renderer/dist is missing; run `npm run build:renderer` first (skipped)');
    return;
  }
  const firstScreen = new Set(
    [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]!),
  );
  const assets = readdirSync(path.join(DIST, 'assets')).filter((name) => name.endsWith('.js'));
  let firstRaw = 0;
  let firstGzip = 0;
  let lazyGzip = 0;
  console.log('screen bundle (gzip -9 as served):');
  for (const name of assets.sort()) {
    const bytes = readFileSync(path.join(DIST, 'assets', name));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const first = [...firstScreen].some((src) => src.endsWith(`/assets/${name}`) || src === `assets/${name}`);
    if (first) {
      firstRaw += bytes.length;
      firstGzip += gzip;
    } else {
      lazyGzip += gzip;
    }
    console.log(
      `  ${first ? 'first screen' : 'lazy        '}  ${name.padEnd(32)} ${kib(bytes.length).padStart(10)} → ${kib(gzip)}`,
    );
  }
  const verdict = firstGzip <= TARGET_FIRST_SCREEN_GZIP ? 'met' : 'NOT MET';
  console.log(
    `  first screen JavaScript: ${kib(firstRaw)} raw, ${kib(firstGzip)} gzip (target ≤ ${kib(TARGET_FIRST_SCREEN_GZIP)}: ${verdict}); later screens: ${kib(lazyGzip)} gzip`,
  );
}

/** The demo configuration, moved to a scratch data folder so a running demo's data is never touched. */
function scratchConfig(dir: string): string {
  const text = readFileSync(path.join(ROOT, 'kiosk-config', 'demo.json'), 'utf8').replaceAll(
    '../data/demo',
    path.join(dir, 'data'),
  );
  const file = path.join(dir, 'kiosk.json');
  writeFileSync(file, text);
  return file;
}

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
}

function startKiosk(configFile: string): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['core/host/browser-main.ts', '--config', configFile], {
      cwd: ROOT,
      // As ./cajero start runs it: with Node's compile cache (the first start fills it).
      env: {
        ...process.env,
        NODE_COMPILE_CACHE: path.join(ROOT, 'node_modules', '.cache', 'node-compile-cache'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /Pantalla:\s+(\S+)/.exec(output)?.[1];
      if (url !== undefined) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`the kiosk exited with ${code}: ${output.slice(-1500)}`)));
  });
}

async function stopKiosk(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

async function coldStarts(): Promise<void> {
  try {
    await ensurePcscd();
  } catch (error) {
    console.log(`cold start: pcscd is not available (${(error as Error).message}); skipped`);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'cajero-coldstart-'));
  const configFile = scratchConfig(dir);
  const browser = await launchChromium();
  const figures: { run: string; ms: number; listeningMs: number }[] = [];
  try {
    for (let run = 0; run <= restarts; run += 1) {
      const page = await browser.newPage();
      const t0 = performance.now();
      const kiosk = await startKiosk(configFile);
      const listeningMs = performance.now() - t0;
      try {
        await page.goto(kiosk.url);
        // First screen rendered: core answered the greeting and the screen shows its first buttons.
        // (Playwright's locators, not page.waitForFunction: the screen's CSP forbids evaluating strings.)
        await page.locator('main button').first().waitFor({ state: 'visible', timeout: 60_000 });
        figures.push({
          run: run === 0 ? 'first start' : `restart ${run}`,
          ms: performance.now() - t0,
          listeningMs,
        });
      } finally {
        await page.close();
        await stopKiosk(kiosk.child);
      }
    }
  } catch (error) {
    console.log(`cold start: failed: ${(error as Error).message}`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    'cold start of ./cajero start (node core/host/browser-main.ts) to the first screen in Chromium:',
  );
  for (const f of figures) {
    console.log(
      `  ${f.run.padEnd(12)} ${f.ms.toFixed(0).padStart(6)} ms (listening after ${f.listeningMs.toFixed(0)} ms)`,
    );
  }
  const warm = figures.filter((f) => f.run !== 'first start').map((f) => f.ms);
  if (warm.length > 0) {
    const median = warm.sort((a, b) => a - b)[Math.floor(warm.length / 2)]!;
    const verdict = median <= TARGET_COLD_START_MS ? 'met' : 'NOT MET';
    console.log(`  restart median ${median.toFixed(0)} ms (target ≤ ${TARGET_COLD_START_MS} ms: ${verdict})`);
  }
}

bundleFigures();
await coldStarts();
