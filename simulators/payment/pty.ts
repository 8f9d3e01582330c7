/**
 * Thin I/O: a pseudo-terminal pair made by socat (one end for the simulator, one for the kiosk) and the
 * simulator's end opened with `serialport`, as DESIGN.md's test table prescribes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { SerialPort } from 'serialport';
import { SimulatorSetupError } from './errors.ts';
import type { ByteChannel } from './serial-link.ts';

export interface SocatPair {
  /** Path the simulator opens. */
  readonly simPath: string;
  /** Path given to the kiosk. */
  readonly ecrPath: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

function setupError(detail: string): SimulatorSetupError {
  return new SimulatorSetupError(
    'zvtsim.socat_failed',
    'No se ha podido crear el puerto serie virtual del terminal de pago simulado.',
    detail,
  );
}

/** Starts `socat -d -d pty,raw,echo=0,link=<sim> pty,raw,echo=0,link=<ecr>` and waits until it relays. */
export function startSocatPair(simPath: string, ecrPath: string, timeoutMs = 5_000): Promise<SocatPair> {
  const child = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${simPath}`, `pty,raw,echo=0,link=${ecrPath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => {
      void stop();
      reject(setupError(`socat not ready after ${timeoutMs} ms: ${stderr.trim()}`));
    }, timeoutMs);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      // socat -d -d logs "starting data transfer loop" once both ptys exist and are linked.
      if (stderr.includes('starting data transfer loop')) {
        clearTimeout(timer);
        child.stderr?.removeAllListeners('data');
        child.stderr?.resume();
        resolve({ simPath, ecrPath, process: child, stop });
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(setupError(`cannot run socat: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(setupError(`socat exited (${code ?? signal}) before it was ready: ${stderr.trim()}`));
    });
  });
}

export interface SerialSettings {
  readonly baudRate?: number | undefined;
  readonly dataBits?: 5 | 6 | 7 | 8 | undefined;
  readonly stopBits?: 1 | 2 | undefined;
  readonly parity?: 'none' | 'even' | 'odd' | undefined;
}

export interface OpenPort {
  readonly channel: ByteChannel;
  close(): Promise<void>;
}

/** Opens a serial device (or a pty) as a ByteChannel; default 9600 8N2 (zvt.md §2.1). */
export function openSerialChannel(path: string, settings: SerialSettings = {}): Promise<OpenPort> {
  const port = new SerialPort({
    path,
    baudRate: settings.baudRate ?? 9600,
    dataBits: settings.dataBits ?? 8,
    stopBits: settings.stopBits ?? 2,
    parity: settings.parity ?? 'none',
    autoOpen: false,
  });
  return new Promise((resolve, reject) => {
    port.open((error) => {
      if (error) {
        reject(setupError(`cannot open ${path}: ${error.message}`));
        return;
      }
      const channel: ByteChannel = {
        write: (bytes) => {
          port.write(Buffer.from(bytes));
        },
        onData: (listener) => port.on('data', (data: Buffer) => listener(new Uint8Array(data))),
        onClose: (listener) => port.on('close', listener),
      };
      const close = (): Promise<void> =>
        new Promise((done) => {
          if (!port.isOpen) {
            done();
            return;
          }
          port.close(() => done());
        });
      resolve({ channel, close });
    });
  });
}
