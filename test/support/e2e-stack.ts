/**
 * `./cajero start`'s stack for end-to-end tests: the program it runs (`node core/host/browser-main.ts
 * --config …`) as a child process, on a scratch copy of `kiosk-config/demo.json` with its own data
 * folder and free ports, so a running demo is never touched. The companions a test needs a hand on
 * (printer, terminal, DNIe, central) are turned off in the configuration and run by the test itself
 * (device-programs.ts, central-program.ts) at the addresses the configuration points to; the others
 * (the serial scanner, or an embedded central) the stack starts, as it does for the demo.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { controlRequest } from '../../core/kioskctl/control-client.ts';
import type { RoundOutcome, SyncStatus } from '../../core/sync/index.ts';
import { SCREENSHOTS_DIR } from './chromium.ts';
import { type ChildProgram, REPOSITORY, startProgram } from './child-program.ts';
import { freePortPair } from './device-programs.ts';

const BUILD_LOCK = path.join(tmpdir(), 'cajero-e2e-build.lock');

/**
 * Builds the screen when its sources changed (as `./cajero start` does). The e2e files start together
 * in vitest's workers: one builds while the others wait, instead of two builds writing one folder.
 */
export async function buildScreen(): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than any build is one a killed run left behind.
      const takenAt = statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - takenAt > 180_000) {
        rmSync(BUILD_LOCK, { recursive: true, force: true });
      } else if (Date.now() > deadline) {
        throw new Error(`${BUILD_LOCK} stayed taken: is a build stuck?`);
      }
      await sleep(200);
    }
  }
  try {
    const build = spawnSync(process.execPath, ['scripts/build-renderer-if-stale.ts'], {
      cwd: REPOSITORY,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`the screen did not build:\n${build.stdout}${build.stderr}`);
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
}

export interface StackConfig {
  /** Scratch folder: the configuration file and the kiosk's data folder go in it. */
  readonly dir: string;
  /** Port of a printer emulator the test runs; absent: the stack starts its own. */
  readonly printerPort?: number;
  /** Port of a ZVT simulator the test runs; absent: the stack starts its own. */
  readonly terminalPort?: number;
  /** The pseudo-terminal of a scanner simulator the test runs; absent: the stack starts its own. */
  readonly scannerPath?: string;
  /** A central the test runs (`CentralProgram`); absent: the stack's embedded central. */
  readonly central?: { readonly remote: object; readonly verificationUrl: string };
  /** The virtual DNIe the test runs; absent: no reader matches, so no card of another test shows up. */
  readonly dnie?: { readonly terminalConfigFile: string; readonly trustAnchorsDir?: string };
  readonly screen?: {
    readonly idleTimeoutSeconds?: number;
    readonly timeoutWarningSeconds?: number;
    readonly goodbyeSeconds?: number;
  };
}

/** Writes the scratch configuration; returns its path. */
export async function writeStackConfig(options: StackConfig): Promise<string> {
  const config = JSON.parse(readFileSync(path.join(REPOSITORY, 'kiosk-config', 'demo.json'), 'utf8'));
  const dataDir = path.join(options.dir, 'data');
  config.dataDir = dataDir;
  // Each companion the stack starts gets a free port; the printer's tray page sits on the next one.
  const printerPort = options.printerPort ?? (await freePortPair());
  config.devices.printer.connection = { transport: 'tcp', host: '127.0.0.1', port: printerPort };
  const terminalPort = options.terminalPort ?? (await freePortPair());
  config.devices.paymentTerminal.connection = { transport: 'tcp', host: '127.0.0.1', port: terminalPort };
  config.devices.scanner = {
    type: 'serial',
    path: options.scannerPath ?? path.join(dataDir, 'scanner'),
    baudRate: 9600,
  };
  config.simulators = {
    dnie: false,
    printer: options.printerPort === undefined,
    paymentTerminal: options.terminalPort === undefined,
    scanner: options.scannerPath === undefined,
  };
  config.devices.cardReader = options.dnie
    ? {
        readerNamePattern: 'Virtual PCD',
        terminalConfigFile: options.dnie.terminalConfigFile,
        ...(options.dnie.trustAnchorsDir ? { trustAnchorsDir: options.dnie.trustAnchorsDir } : {}),
      }
    : { readerNamePattern: '^no hay lector en esta prueba$' };
  if (options.central) {
    config.central = options.central.remote;
    config.municipality.verificationUrl = options.central.verificationUrl;
  } else {
    config.central = { mode: 'embedded' };
    config.municipality.verificationUrl = `http://127.0.0.1:${await freePortPair()}/verificar`;
  }
  if (options.screen) config.screen = { ...config.screen, ...options.screen };
  config.log = { level: 'info' };
  mkdirSync(options.dir, { recursive: true });
  const file = path.join(options.dir, 'kiosk.json');
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

export interface Stack {
  readonly program: ChildProgram;
  /** The screen's address. */
  readonly url: string;
  readonly controlSocket: string;
  readonly dataDir: string;
  /** `kioskctl sync now`: one round to central at once. */
  syncNow(): Promise<{ round: RoundOutcome; status: SyncStatus }>;
  syncStatus(): Promise<SyncStatus>;
  /** Ctrl-C, as a person stops `./cajero start`: everything it started stops with it. */
  stop(): Promise<void>;
}

export async function startStack(configFile: string): Promise<Stack> {
  const program = startProgram('cajero start', 'core/host/browser-main.ts', [
    '--config',
    configFile,
    '--port',
    '0',
  ]);
  try {
    // The first start of an embedded central seeds its padrón: minutes on a loaded machine.
    const url = (await program.waitForOutput(/Pantalla:\s+(\S+)/, 240_000))[1]!;
    const controlSocket = (await program.waitForOutput(/Canal del técnico:\s+(\S+)/, 5_000))[1]!;
    const dataDir = JSON.parse(readFileSync(configFile, 'utf8')).dataDir as string;
    return {
      program,
      url,
      controlSocket,
      dataDir,
      syncNow: () => controlRequest(controlSocket, 'POST', '/v1/sync/now', 60_000),
      syncStatus: () => controlRequest(controlSocket, 'GET', '/v1/sync/status'),
      stop: () => program.stop('SIGINT', 15_000),
    };
  } catch (error) {
    await program.stop('SIGINT');
    throw error;
  }
}

/** `.test-results/screens/e2e-<test>-<step>-<lang>.png`: the viewport, as the citizen sees the glass. */
export function screenshot(page: Page, test: string, step: string, language: string): Promise<Buffer> {
  return page.screenshot({
    path: path.join(SCREENSHOTS_DIR, `e2e-${test}-${step}-${language}.png`),
  });
}

/** Waits for the first screen (session `idle`); on failure says what the screen and core showed instead. */
export async function waitForFirstScreen(page: Page, stack: Stack, timeoutMs = 20_000): Promise<void> {
  try {
    await page.locator('main[data-step="idle"]').waitFor({ timeout: timeoutMs });
  } catch (error) {
    const step = await page
      .locator('main')
      .first()
      .getAttribute('data-step', { timeout: 1000 })
      .catch(() => null);
    const text = await page
      .locator('main')
      .first()
      .innerText({ timeout: 1000 })
      .catch(() => '(no main)');
    throw new Error(
      `the first screen did not come: step ${step}, screen «${text.slice(0, 300)}»\n` +
        `core's last lines:\n${stack.program.output().slice(-2500)}`,
      { cause: error },
    );
  }
}

/** The printer emulator's picture of a ticket beside the screenshots: `e2e-<test>-paper-<lang>.png`. */
export function keepPaper(png: string, test: string, language: string): void {
  copyFileSync(png, path.join(SCREENSHOTS_DIR, `e2e-${test}-paper-${language}.png`));
}

/**
 * For `afterEach`: when the test failed, the screen as it was (`e2e-failed-<test>.png`) and its text and
 * core's last lines on the console, so an intermittent failure can be read after the run.
 */
export async function recordFailure(
  context: { task: { name: string; result?: { state?: string } } },
  page: Page | undefined,
  stack: Stack | undefined,
): Promise<void> {
  if (context.task.result?.state !== 'fail' || page === undefined || page.isClosed()) return;
  const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
  await page
    .screenshot({ path: path.join(SCREENSHOTS_DIR, `e2e-failed-${name}.png`) })
    .catch(() => undefined);
  const text = await page
    .locator('main')
    .first()
    .innerText({ timeout: 1000 })
    .catch(() => '(no main)');
  console.error(`e2e: «${context.task.name}» failed; the screen said:\n${text}\n`);
  if (stack) console.error(`core's last lines:\n${stack.program.output().slice(-4000)}`);
}

/**
 * The pages of one e2e test file: `fresh()` opens a new one on the first screen (nobody's session on
 * it), `track(page)` names one opened otherwise; after each test the current page is recorded if the
 * test failed. Call once at the top of the file (it registers an `afterEach`).
 */
export function e2ePages(current: () => { readonly browser: Browser; readonly stack: Stack }) {
  let page: Page | undefined;
  afterEach(async (context) => {
    await recordFailure(context, page, current().stack);
    page = undefined;
  });
  return {
    /** A page of the kiosk's glass size, for the failure record. */
    async open(): Promise<Page> {
      page = await current().browser.newPage({ viewport: { width: 1280, height: 1024 } });
      return page;
    },
    async fresh(): Promise<Page> {
      const opened = await this.open();
      await opened.goto(current().stack.url);
      await waitForFirstScreen(opened, current().stack);
      return opened;
    },
  };
}
