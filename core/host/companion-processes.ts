/**
 * `./cajero start` runs its companions as child processes: the simulated devices the configuration asks
 * for, at the addresses the device configuration points to, so the kiosk reaches them exactly as it
 * reaches real devices (through TCP or a pseudo-terminal); and, with `central.mode = embedded`, the
 * reference central on PGlite. Core never imports a simulator or central: it only starts programs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KioskConfig } from '../../kiosk-config/index.ts';
import type { Logger } from '../log/logger.ts';
import { HostStartError } from './host-errors.ts';

const REPOSITORY = path.resolve(import.meta.dirname, '..', '..');

export interface CompanionPlan {
  readonly name: string;
  readonly script: string;
  readonly args: readonly string[];
  /** Where it can be reached once ready: a TCP port, or the pseudo-terminal link it creates. */
  readonly ready:
    | { readonly tcp: { readonly host: string; readonly port: number } }
    | { readonly path: string };
  /** For the person running the demo: where to look. */
  readonly note: string;
  /** Programs run to completion before the first start (and never again once they all succeeded). */
  readonly prepare?: { readonly steps: ReadonlyArray<readonly string[]>; readonly doneMarker: string };
  /**
   * Starts once every other plan is ready (central reads what the virtual DNIe writes at its start), and
   * the kiosk does not wait for it: a kiosk never waits for central, it works offline until central
   * answers. The other plans start together: the start waits for the slowest, not for the sum.
   */
  readonly background?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Which simulators to start, from the configuration: only those asked for whose device points at
 * loopback TCP or, for the scanner, at a serial path the simulator can create as a pseudo-terminal.
 */
export function planSimulators(config: KioskConfig, dataDir: string): CompanionPlan[] {
  const plans: CompanionPlan[] = [];
  const printer = config.devices.printer.connection;
  if (config.simulators.printer && printer.transport === 'tcp' && LOOPBACK.has(printer.host)) {
    const out = path.join(dataDir, 'printer');
    // The tray page sits on the port after the printer's (9101 for the usual 9100).
    const trayPort = printer.port + 1;
    const width = String(config.devices.printer.paperWidthMm);
    plans.push({
      name: 'la impresora simulada',
      script: 'simulators/printer/main.ts',
      args: ['--tcp', String(printer.port), '--out', out, '--width', width, '--http', String(trayPort)],
      ready: { tcp: { host: printer.host, port: printer.port } },
      note: `bandeja en http://127.0.0.1:${trayPort}/ y en ${out}`,
    });
  }
  const terminal = config.devices.paymentTerminal.connection;
  if (config.simulators.paymentTerminal && terminal.transport === 'tcp' && LOOPBACK.has(terminal.host)) {
    const journal = path.join(dataDir, 'terminal-journal.json');
    plans.push({
      name: 'el terminal de pago simulado',
      script: 'simulators/payment/main.ts',
      args: ['--tcp', String(terminal.port), '--journal', journal],
      ready: { tcp: { host: terminal.host, port: terminal.port } },
      note: `diario del terminal en ${journal}`,
    });
  }
  const scanner = config.devices.scanner;
  if (config.simulators.scanner && scanner.type === 'serial') {
    plans.push({
      name: 'el lector de códigos simulado',
      script: 'simulators/scanner/main.ts',
      args: ['--pty', scanner.path, '--delay', '0'],
      ready: { path: scanner.path },
      note: 'lee por un pseudo-terminal',
    });
  }
  return plans;
}

/** Where the demo's virtual DNIe serves its insert/remove page (loopback; clear of the other demo ports). */
export const DNIE_DEMO_PAGE_PORT = 8093;
/** Where the demo's virtual DNIe answers OCSP for its CA (loopback). */
export const DNIE_DEMO_OCSP_PORT = 8094;

/** What the demo's virtual DNIe writes into `<dataDir>/dnie/` each run. */
export function dnieDemoFiles(dataDir: string): {
  dir: string;
  terminalConfig: string;
  anchorsDir: string;
  personas: string;
  ocspUrl: string;
} {
  const dir = path.join(dataDir, 'dnie');
  return {
    dir,
    terminalConfig: path.join(dir, 'terminal.json'),
    anchorsDir: path.join(dir, 'anchors'),
    personas: path.join(dir, 'personas.json'),
    ocspUrl: `http://127.0.0.1:${DNIE_DEMO_OCSP_PORT}/`,
  };
}

/**
 * The virtual DNIe for `simulators.dnie` (issue 4): a client of vpcd, the virtual reader of the pcscd
 * that `./cajero start` makes sure is running. It starts with no card in; its page inserts a persona's
 * card or pulls it out. Its chip and terminal keys and its DNIe CA are made fresh each run, so it
 * writes, before its page answers: the terminal configuration (`<dataDir>/dnie/terminal.json`, where
 * the demo's `terminalConfigFile` points), the CA certificates (`<dataDir>/dnie/anchors/`, where the
 * demo's `trustAnchorsDir` and the embedded central's `citizenAccess.anchorsDir` point) and its people
 * (`<dataDir>/dnie/personas.json`, for the embedded central's padrón); and it answers OCSP for its CA on
 * 127.0.0.1:8094. So it must start before central, which reads the anchors when it starts.
 */
export function planDnieSimulator(config: KioskConfig, dataDir: string): CompanionPlan | null {
  if (!config.simulators.dnie) return null;
  const files = dnieDemoFiles(dataDir);
  const reader = config.devices.cardReader;
  const mismatches = [
    reader.terminalConfigFile === undefined ||
    path.resolve(reader.terminalConfigFile) !== files.terminalConfig
      ? `devices.cardReader.terminalConfigFile debe apuntar a ${files.terminalConfig}`
      : null,
    reader.trustAnchorsDir === undefined || path.resolve(reader.trustAnchorsDir) !== files.anchorsDir
      ? `devices.cardReader.trustAnchorsDir debe apuntar a ${files.anchorsDir}`
      : null,
  ].filter((m) => m !== null);
  const page = `http://127.0.0.1:${DNIE_DEMO_PAGE_PORT}/`;
  return {
    name: 'el DNIe simulado',
    script: 'simulators/dnie/main.ts',
    args: [
      '--persona',
      'adult',
      '--start-removed',
      '--quiet',
      '--write-terminal-config',
      files.dir,
      '--write-anchors',
      files.anchorsDir,
      '--write-personas',
      files.personas,
      '--ocsp',
      String(DNIE_DEMO_OCSP_PORT),
      '--http',
      String(DNIE_DEMO_PAGE_PORT),
    ],
    ready: { tcp: { host: '127.0.0.1', port: DNIE_DEMO_PAGE_PORT } },
    note: `inserte o retire un DNIe de prueba en ${page} (PIN PRUEBA2026); OCSP en ${files.ocspUrl}${mismatches.map((m) => `; ${m}`).join('')}`,
  };
}

/** Bumped when the prepare steps change, so that a central prepared by older steps is set aside and redone. */
const CENTRAL_PREPARED_MARKER = '.prepared-3';

/**
 * The reference central for `central.mode = embedded`: PGlite in the data folder, a synthetic padrón of
 * the configured municipality, its kiosk CA, this kiosk enrolled, a demo seal, and the public
 * verification page on the port of the configured verification URL when that URL is on loopback. With
 * the virtual DNIe (`simulators.dnie`), its people are in the padrón with pending recibos and citizen
 * access is on: anchors from the simulator's run, OCSP from the simulator, fail-closed.
 */
export function planEmbeddedCentral(config: KioskConfig, dataDir: string): CompanionPlan | null {
  if (config.central.mode !== 'embedded') return null;
  const verification = new URL(config.municipality.verificationUrl);
  if (!LOOPBACK.has(verification.hostname) || verification.port === '') return null;
  const dir = path.join(dataDir, 'central');
  const configFile = path.join(dir, 'central.json');
  const publicPort = Number(verification.port);
  const dnie = config.simulators.dnie ? dnieDemoFiles(dataDir) : null;
  const doneMarker = path.join(dir, CENTRAL_PREPARED_MARKER);
  // A database without this marker was prepared by older steps (without the DNIe's people or the seal)
  // or by a preparation that failed half-way: keep it aside under another name and prepare a new one,
  // rather than seed a second padrón into it.
  if (!existsSync(doneMarker) && existsSync(path.join(dir, 'db'))) {
    renameSync(dir, `${dir}-anterior-${new Date().toISOString().replace(/[:.]/g, '')}`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    configFile,
    `${JSON.stringify(
      {
        database: { pgliteDir: 'db' },
        kioskListener: { host: '127.0.0.1', port: publicPort + 1 },
        publicListener: { host: '127.0.0.1', port: publicPort },
        pkiDir: 'pki',
        ...(dnie === null
          ? {}
          : {
              citizenAccess: {
                anchorsDir: dnie.anchorsDir,
                ocspUrl: dnie.ocspUrl,
                ocspFailurePolicy: 'fail-closed',
              },
            }),
      },
      null,
      2,
    )}\n`,
  );
  const ine = config.municipality.ineCode;
  return {
    name: 'la central integrada',
    script: 'central/main.ts',
    args: ['serve', '--config', configFile],
    ready: { tcp: { host: '127.0.0.1', port: publicPort } },
    // Its citizen access loads the anchors and people the virtual DNIe writes when it starts; its
    // first start (padrón, PKI) takes a while, and the kiosk is usable offline meanwhile.
    background: true,
    note: `verificación de documentos en ${config.municipality.verificationUrl}`,
    prepare: {
      doneMarker,
      steps: [
        [
          'central/padron/seed-main.ts',
          '--pglite',
          path.join(dir, 'db'),
          '--people',
          '3000',
          '--ine-code',
          ine,
          '--name',
          // The seed takes the town's name and writes "Ayuntamiento de …" itself.
          config.municipality.name.replace(/^Ayuntamiento de /i, ''),
          '--verification-url',
          config.municipality.verificationUrl,
          ...(dnie === null ? [] : ['--personas', dnie.personas]),
        ],
        ['central/main.ts', 'admin', 'init-ca', '--config', configFile],
        [
          'central/main.ts',
          'admin',
          'enrol',
          '--kiosk',
          config.kioskId,
          '--municipality',
          ine,
          '--config',
          configFile,
          '--out',
          path.join(dir, 'kiosk-credential'),
        ],
        ['central/main.ts', 'admin', 'seal', '--municipality', ine, '--config', configFile],
      ],
    },
  };
}

export function companionAddress(plan: CompanionPlan): string {
  return 'tcp' in plan.ready ? `${plan.ready.tcp.host}:${plan.ready.tcp.port}` : plan.ready.path;
}

export interface RunningCompanions {
  readonly plans: readonly CompanionPlan[];
  /**
   * Settles when the background plans are ready (or one failed: rejected with its HostStartError).
   * Always handled here too, so an unobserved failure is logged, never an unhandled rejection.
   */
  readonly background: Promise<void>;
  stop(): Promise<void>;
}

export async function startCompanions(
  plans: readonly CompanionPlan[],
  logger: Logger,
  readyTimeoutMs = 15_000,
): Promise<RunningCompanions> {
  const children: ChildProcess[] = [];
  let stopped = false;
  const stop = async () => {
    stopped = true;
    await Promise.all(children.map(stopChild));
  };
  const startOne = async (plan: CompanionPlan) => {
    await refuseTakenAddress(plan);
    if (plan.prepare && !existsSync(plan.prepare.doneMarker)) {
      // Its steps are children too: Ctrl-C in the middle of a first start leaves no seeding behind.
      await prepare(
        plan,
        plan.prepare,
        (child) => children.push(child),
        () => stopped,
      );
    }
    // A background plan still preparing when the kiosk stops is not started afterwards.
    if (stopped) return;
    const child = spawn(process.execPath, [path.join(REPOSITORY, plan.script), ...plan.args], {
      cwd: REPOSITORY,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(child);
    const log = logger.child({ simulator: plan.name });
    child.stdout?.on('data', (chunk: Buffer) =>
      log.debug({ output: chunk.toString('utf8').trim() }, 'simulator output'),
    );
    child.stderr?.on('data', (chunk: Buffer) =>
      log.warn({ output: chunk.toString('utf8').trim() }, 'simulator error output'),
    );
    child.once('exit', (code, signal) => log.info({ code, signal }, 'simulator exited'));
    await waitUntilReady(plan, child, readyTimeoutMs);
    log.info({ at: companionAddress(plan) }, 'simulator ready');
  };
  const startAll = async (wave: readonly CompanionPlan[]) => {
    // allSettled, so that every child of a failed wave is known (and stopped) before the error is raised.
    const outcomes = await Promise.allSettled(wave.map(startOne));
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
  };
  const later = plans.filter((p) => p.background);
  try {
    // An address already taken is said at once, for the background plans too.
    for (const plan of later) await refuseTakenAddress(plan);
    await startAll(plans.filter((p) => !p.background));
  } catch (error) {
    await stop();
    throw error;
  }
  const background = startAll(later).catch((error: unknown) => {
    if (!stopped) logger.error({ error: String(error) }, 'background companion failed to start');
    throw error;
  });
  background.catch(() => undefined);
  return { plans, background, stop };
}

async function refuseTakenAddress(plan: CompanionPlan): Promise<void> {
  if (await isReady(plan)) {
    throw new HostStartError(
      'host.simulator_address_in_use',
      `${companionAddress(plan)}, donde iría ${plan.name}, ya está ocupado: pare el otro proceso o cambie la configuración.`,
    );
  }
}

async function prepare(
  plan: CompanionPlan,
  preparation: NonNullable<CompanionPlan['prepare']>,
  track: (child: ChildProcess) => void,
  stopped: () => boolean,
): Promise<void> {
  for (const [script, ...args] of preparation.steps) {
    // Stopped meanwhile: no further step, and no marker (the next start prepares again).
    if (stopped()) return;
    const outcome = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(REPOSITORY, script!), ...args], { cwd: REPOSITORY });
      track(child);
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.once('exit', (code) => resolve({ code, output }));
    });
    if (stopped()) return;
    if (outcome.code !== 0) {
      throw new HostStartError(
        'host.companion_prepare_failed',
        `No se ha podido preparar ${plan.name}: «node ${script} ${args.join(' ')}» terminó con ${outcome.code}; ejecútelo para ver por qué.`,
        outcome.output.slice(-2000),
      );
    }
  }
  mkdirSync(path.dirname(preparation.doneMarker), { recursive: true });
  writeFileSync(preparation.doneMarker, new Date().toISOString());
}

async function waitUntilReady(plan: CompanionPlan, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new HostStartError(
        'host.simulator_failed',
        `${capitalised(plan.name)} no ha arrancado (salió con ${child.exitCode}): ejecute «node ${plan.script} ${plan.args.join(' ')}» para ver por qué.`,
      );
    }
    if (await isReady(plan)) return;
    await sleep(100);
  }
  throw new HostStartError(
    'host.simulator_timeout',
    `${capitalised(plan.name)} no está listo en ${companionAddress(plan)} tras ${timeoutMs / 1000} s.`,
  );
}

function isReady(plan: CompanionPlan): Promise<boolean> {
  if ('path' in plan.ready) return Promise.resolve(existsSync(plan.ready.path));
  const { host, port } = plan.ready.tcp;
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
