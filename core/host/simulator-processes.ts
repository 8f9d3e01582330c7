/**
 * `./cajero start` runs the simulated devices the configuration asks for as child processes, at the
 * addresses the device configuration points to, so the kiosk reaches them exactly as it reaches real
 * devices: through TCP or a pseudo-terminal. Core never imports a simulator: it only starts programs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KioskConfig } from '../../kiosk-config/index.ts';
import type { Logger } from '../log/logger.ts';
import { HostStartError } from './host-errors.ts';

const REPOSITORY = path.resolve(import.meta.dirname, '..', '..');

export interface SimulatorPlan {
  readonly name: string;
  readonly script: string;
  readonly args: readonly string[];
  /** Where it can be reached once ready: a TCP port, or the pseudo-terminal link it creates. */
  readonly ready:
    | { readonly tcp: { readonly host: string; readonly port: number } }
    | { readonly path: string };
  /** For the person running the demo: where to look. */
  readonly note: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Which simulators to start, from the configuration: only those asked for whose device points at
 * loopback TCP or, for the scanner, at a serial path the simulator can create as a pseudo-terminal.
 */
export function planSimulators(config: KioskConfig, dataDir: string): SimulatorPlan[] {
  const plans: SimulatorPlan[] = [];
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

export function simulatorAddress(plan: SimulatorPlan): string {
  return 'tcp' in plan.ready ? `${plan.ready.tcp.host}:${plan.ready.tcp.port}` : plan.ready.path;
}

export interface RunningSimulators {
  readonly plans: readonly SimulatorPlan[];
  stop(): Promise<void>;
}

export async function startSimulators(
  plans: readonly SimulatorPlan[],
  logger: Logger,
  readyTimeoutMs = 15_000,
): Promise<RunningSimulators> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
  };
  try {
    for (const plan of plans) {
      if (await isReady(plan)) {
        throw new HostStartError(
          'host.simulator_address_in_use',
          `${simulatorAddress(plan)}, donde iría ${plan.name}, ya está ocupado: pare el otro proceso o cambie la configuración.`,
        );
      }
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
      log.info({ at: simulatorAddress(plan) }, 'simulator ready');
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { plans, stop };
}

async function waitUntilReady(plan: SimulatorPlan, child: ChildProcess, timeoutMs: number): Promise<void> {
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
    `${capitalised(plan.name)} no está listo en ${simulatorAddress(plan)} tras ${timeoutMs / 1000} s.`,
  );
}

function isReady(plan: SimulatorPlan): Promise<boolean> {
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
