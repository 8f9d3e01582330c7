/** Reading a configuration file: the only I/O of kiosk-config. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { KioskError } from '../drivers/common/kiosk-error.ts';
import type { KioskConfig } from './schema.ts';
import { type ConfigProblem, formatConfigProblem, validateKioskConfig } from './validate.ts';

export class KioskConfigError extends KioskError {
  readonly code = 'config.invalid';
  readonly file: string;
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: readonly ConfigProblem[], summary: string) {
    super(
      `La configuración del cajero no es válida (${file}): ${summary}`,
      problems.map(formatConfigProblem).join('\n'),
    );
    this.file = file;
    this.problems = problems;
  }

  /** One line per problem, ready for a terminal. */
  lines(): string[] {
    return this.problems.length === 0 ? [this.message] : this.problems.map(formatConfigProblem);
  }
}

export interface LoadedKioskConfig {
  readonly config: KioskConfig;
  readonly file: string;
  /** Relative paths inside the configuration are relative to the file's folder. */
  readonly baseDir: string;
}

export function parseKioskConfigText(text: string, file: string): LoadedKioskConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : String(error);
    throw new KioskConfigError(
      file,
      [{ path: '(raíz)', found: `JSON no válido (${reason})`, expected: 'un objeto JSON' }],
      'el fichero no es JSON válido',
    );
  }
  const result = validateKioskConfig(raw);
  if (!result.ok) {
    const n = result.problems.length;
    throw new KioskConfigError(file, result.problems, n === 1 ? 'hay 1 problema' : `hay ${n} problemas`);
  }
  const baseDir = path.dirname(path.resolve(file));
  return { config: withAbsolutePaths(result.config, baseDir), file, baseDir };
}

export async function loadKioskConfig(file: string): Promise<LoadedKioskConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const found =
      code === 'ENOENT'
        ? 'el fichero no existe'
        : code === 'EACCES'
          ? 'no se puede leer (permisos)'
          : `no se puede leer (${code ?? 'error'})`;
    throw new KioskConfigError(
      file,
      [{ path: '(raíz)', found, expected: 'un fichero de configuración legible' }],
      found,
    );
  }
  return parseKioskConfigText(text, file);
}

/**
 * Every file path of the configuration made absolute against the configuration file's folder, so
 * nothing depends on the directory the kiosk was started from.
 */
function withAbsolutePaths(config: KioskConfig, baseDir: string): KioskConfig {
  const abs = (p: string) => path.resolve(baseDir, p);
  const { devices, central, technician } = config;
  const serialPath = <T extends { transport: string }>(c: T): T =>
    'path' in c && typeof c.path === 'string' ? { ...c, path: abs(c.path) } : c;
  const printer = devices.printer.connection;
  return {
    ...config,
    dataDir: abs(config.dataDir),
    devices: {
      cardReader: {
        ...devices.cardReader,
        ...(devices.cardReader.terminalConfigFile === undefined
          ? {}
          : { terminalConfigFile: abs(devices.cardReader.terminalConfigFile) }),
        ...(devices.cardReader.trustAnchorsDir === undefined
          ? {}
          : { trustAnchorsDir: abs(devices.cardReader.trustAnchorsDir) }),
      },
      paymentTerminal: {
        ...devices.paymentTerminal,
        connection: serialPath(devices.paymentTerminal.connection),
      },
      printer: {
        ...devices.printer,
        connection:
          printer.transport === 'usb'
            ? { ...printer, devicePath: abs(printer.devicePath) }
            : serialPath(printer),
      },
      scanner:
        devices.scanner.type === 'serial'
          ? { ...devices.scanner, path: abs(devices.scanner.path) }
          : devices.scanner,
    },
    central:
      central.mode === 'remote'
        ? {
            ...central,
            clientCertificateFile: abs(central.clientCertificateFile),
            clientKeyFile: abs(central.clientKeyFile),
            caFile: abs(central.caFile),
          }
        : central,
    technician:
      technician.accessCodeHashFile === undefined
        ? technician
        : { ...technician, accessCodeHashFile: abs(technician.accessCodeHashFile) },
  };
}

/** Resolves a path taken from the configuration against the configuration file's folder. */
export function resolveConfigPath(loaded: LoadedKioskConfig, value: string): string {
  return path.resolve(loaded.baseDir, value);
}

/** The embedded defaults: the demo kiosk with every device simulated and central embedded. */
export const DEMO_CONFIG_FILE = path.join(import.meta.dirname, 'demo.json');
