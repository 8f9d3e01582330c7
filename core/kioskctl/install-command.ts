/**
 * `kioskctl install`: checks that a freshly provisioned box has what the kiosk needs before it is left
 * in the street (docs/provisioning.md): a valid configuration, the `cajero` account with no shell and
 * no admin groups, its data folder, pcscd running, the configured devices present, and the udev rules
 * and systemd units in place. It changes nothing: it says what is missing and how to fix it.
 *
 * System files are read under `root` (default `/`), so tests build a fake box in a folder; paths from
 * the configuration are used as written.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type KioskConfig,
  KioskConfigError,
  type LoadedKioskConfig,
  loadKioskConfig,
  resolveConfigPath,
} from '../../kiosk-config/index.ts';

type Out = (line: string) => void;

export type CheckLevel = 'ok' | 'warning' | 'error';
export interface InstallCheck {
  readonly id: string;
  readonly level: CheckLevel;
  readonly message: string;
}

export interface BoxOptions {
  /** Where /etc, /run and /sys are read; `/` on a real box. */
  readonly root?: string;
}

const NO_SHELL = new Set(['/usr/sbin/nologin', '/sbin/nologin', '/bin/false', '/usr/bin/false']);
const ADMIN_GROUPS = ['sudo', 'wheel', 'adm', 'root', 'docker', 'lxd'];
const PCSCD_SOCKET = 'run/pcscd/pcscd.comm';
const DEFAULT_CONFIG = '/etc/cajero/kiosk.json';

export async function installCommand(
  args: readonly string[],
  out: Out,
  box: BoxOptions = {},
): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { config: { type: 'string' }, user: { type: 'string' }, json: { type: 'boolean' } },
  });
  const checks = await checkBox({
    configFile: values.config ?? DEFAULT_CONFIG,
    user: values.user ?? 'cajero',
    root: box.root ?? '/',
  });
  if (values.json) {
    out(JSON.stringify(checks, null, 2));
  } else {
    const mark: Record<CheckLevel, string> = { ok: '  ✓', warning: '  !', error: '  ✗' };
    for (const check of checks) out(`${mark[check.level]} ${check.message}`);
    const errors = checks.filter((c) => c.level === 'error').length;
    const warnings = checks.filter((c) => c.level === 'warning').length;
    out(
      errors === 0
        ? `El cajero tiene lo que necesita${warnings > 0 ? ` (${warnings} aviso${warnings === 1 ? '' : 's'})` : ''}.`
        : `Faltan ${errors} cosa${errors === 1 ? '' : 's'}: corríjalas y vuelva a ejecutar «kioskctl install».`,
    );
  }
  return checks.some((c) => c.level === 'error') ? 1 : 0;
}

export interface BoxCheckInput {
  readonly configFile: string;
  readonly user: string;
  readonly root: string;
}

export async function checkBox(input: BoxCheckInput): Promise<InstallCheck[]> {
  const checks: InstallCheck[] = [];
  const sys = (file: string) => path.join(input.root, file);

  let loaded: LoadedKioskConfig | null = null;
  try {
    loaded = await loadKioskConfig(input.configFile);
    checks.push({ id: 'config', level: 'ok', message: `configuración válida: ${input.configFile}` });
  } catch (error) {
    const detail =
      error instanceof KioskConfigError ? error.lines().slice(0, 3).join('; ') : (error as Error).message;
    checks.push({
      id: 'config',
      level: 'error',
      message: `la configuración ${input.configFile} no vale: ${detail} (compruébela con «kioskctl config check»)`,
    });
  }

  const account = await userAccount(sys('etc/passwd'), sys('etc/group'), input.user);
  if (account === null) {
    checks.push({
      id: 'user',
      level: 'error',
      message: `no existe el usuario «${input.user}»: créelo con «useradd --system --user-group --shell /usr/sbin/nologin --home-dir /var/lib/cajero ${input.user}»`,
    });
  } else {
    checks.push(
      NO_SHELL.has(account.shell)
        ? {
            id: 'user',
            level: 'ok',
            message: `usuario «${input.user}» sin intérprete de órdenes (${account.shell})`,
          }
        : {
            id: 'user',
            level: 'error',
            message: `el usuario «${input.user}» tiene el intérprete ${account.shell}: «usermod --shell /usr/sbin/nologin ${input.user}»`,
          },
    );
    const admin = account.groups.filter((g) => ADMIN_GROUPS.includes(g));
    checks.push(
      admin.length === 0
        ? {
            id: 'groups',
            level: 'ok',
            message: `grupos de «${input.user}»: ${account.groups.join(', ') || '(ninguno)'}`,
          }
        : {
            id: 'groups',
            level: 'error',
            message: `«${input.user}» está en grupos de administración (${admin.join(', ')}): quíteselos con «gpasswd -d ${input.user} GRUPO»`,
          },
    );
    if (!account.groups.includes('cajero')) {
      checks.push({
        id: 'groups.devices',
        level: 'error',
        message: `«${input.user}» no está en el grupo «cajero», dueño de los dispositivos según las reglas udev`,
      });
    }
    if (!account.groups.includes('audio')) {
      checks.push({
        id: 'groups.audio',
        level: 'warning',
        message: `«${input.user}» no está en el grupo «audio»: la voz del cajero puede no oírse`,
      });
    }
    if (loaded)
      checks.push(await dataDirCheck(resolveConfigPath(loaded, loaded.config.dataDir), account.uid));
  }

  checks.push(
    (await kind(sys(PCSCD_SOCKET))) === 'socket'
      ? { id: 'pcscd', level: 'ok', message: 'pcscd en marcha (lector DNIe)' }
      : {
          id: 'pcscd',
          level: 'error',
          message: 'pcscd no está en marcha: «apt-get install pcscd» y «systemctl enable --now pcscd.socket»',
        },
  );

  if (loaded) checks.push(...(await deviceChecks(loaded.config, sys('sys/bus/usb/devices'))));

  for (const [id, files, what] of [
    [
      'udev',
      ['etc/udev/rules.d/99-cajero.rules', 'usr/lib/udev/rules.d/99-cajero.rules'],
      'reglas udev 99-cajero.rules',
    ],
    [
      'systemd',
      ['etc/systemd/system/cajero.service', 'usr/lib/systemd/system/cajero.service'],
      'unidad cajero.service',
    ],
  ] as const) {
    const found = await firstExisting(files.map(sys));
    checks.push(
      found
        ? { id, level: 'ok', message: `${what} instalada${id === 'udev' ? 's' : ''}` }
        : {
            id,
            level: 'error',
            message: `falta${id === 'udev' ? 'n las' : ' la'} ${what} (véase docs/provisioning.md)`,
          },
    );
  }
  return checks;
}

interface Account {
  readonly uid: number;
  readonly shell: string;
  readonly groups: readonly string[];
}

async function userAccount(passwdFile: string, groupFile: string, user: string): Promise<Account | null> {
  const passwd = await readText(passwdFile);
  const entry = passwd
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === user && fields.length >= 7);
  if (!entry) return null;
  const gid = entry[3];
  const groups = (await readText(groupFile))
    .split('\n')
    .map((line) => line.split(':'))
    .filter((f) => f.length >= 4 && (f[2] === gid || (f[3] ?? '').split(',').includes(user)))
    .map((f) => f[0]!);
  return { uid: Number(entry[2]), shell: entry[6] ?? '', groups };
}

async function dataDirCheck(dataDir: string, uid: number): Promise<InstallCheck> {
  try {
    const info = await stat(dataDir);
    if (!info.isDirectory())
      return { id: 'dataDir', level: 'error', message: `${dataDir} no es una carpeta` };
    if (info.uid !== uid) {
      return {
        id: 'dataDir',
        level: 'error',
        message: `la carpeta de datos ${dataDir} no es del usuario del cajero: «chown -R cajero:cajero ${dataDir}»`,
      };
    }
    if ((info.mode & 0o007) !== 0) {
      return {
        id: 'dataDir',
        level: 'warning',
        message: `la carpeta de datos ${dataDir} la pueden leer otros usuarios: «chmod 700 ${dataDir}»`,
      };
    }
    return { id: 'dataDir', level: 'ok', message: `carpeta de datos ${dataDir}` };
  } catch {
    return {
      id: 'dataDir',
      level: 'error',
      message: `no existe la carpeta de datos ${dataDir}: «install -d -o cajero -g cajero -m 700 ${dataDir}»`,
    };
  }
}

async function deviceChecks(config: KioskConfig, usbRoot: string): Promise<InstallCheck[]> {
  const usb = await usbDevices(usbRoot);
  const hasUsb = (vendorId: number, productId: number) =>
    usb.some((d) => d.vendorId === vendorId && d.productId === productId);
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  const checks: InstallCheck[] = [];
  const file = async (id: string, name: string, devicePath: string) => {
    const found = (await kind(devicePath)) !== null;
    checks.push(
      found
        ? { id, level: 'ok', message: `${name}: ${devicePath}` }
        : {
            id,
            level: 'error',
            message: `${name}: no aparece ${devicePath} (¿conectado? ¿reglas udev cargadas?)`,
          },
    );
  };
  const usbDevice = (id: string, name: string, vendorId: number, productId: number) => {
    checks.push(
      hasUsb(vendorId, productId)
        ? { id, level: 'ok', message: `${name}: USB ${hex(vendorId)}:${hex(productId)}` }
        : {
            id,
            level: 'error',
            message: `${name}: no hay ningún USB ${hex(vendorId)}:${hex(productId)} conectado`,
          },
    );
  };
  const network = (id: string, name: string, host: string, port: number) => {
    checks.push({
      id,
      level: 'warning',
      message: `${name}: por red (${host}:${port}), no se comprueba aquí; use «kioskctl status»`,
    });
  };

  const printer = config.devices.printer.connection;
  if (printer.transport === 'usb') await file('printer', 'impresora', printer.devicePath);
  else if (printer.transport === 'serial') await file('printer', 'impresora', printer.path);
  else network('printer', 'impresora', printer.host, printer.port);

  const terminal = config.devices.paymentTerminal.connection;
  if (terminal.transport === 'serial') await file('paymentTerminal', 'terminal de pago', terminal.path);
  else if (terminal.transport === 'hid')
    usbDevice('paymentTerminal', 'terminal de pago', terminal.vendorId, terminal.productId);
  else network('paymentTerminal', 'terminal de pago', terminal.host, terminal.port);

  const scanner = config.devices.scanner;
  if (scanner.type === 'serial') await file('scanner', 'lector de códigos', scanner.path);
  else if (scanner.type !== 'none')
    usbDevice('scanner', 'lector de códigos', scanner.vendorId, scanner.productId);

  checks.push({
    id: 'cardReader',
    level: 'ok',
    message: `lector DNIe: lo busca pcscd por el nombre /${config.devices.cardReader.readerNamePattern}/ (véalo con «kioskctl status»)`,
  });
  return checks;
}

async function usbDevices(usbRoot: string): Promise<Array<{ vendorId: number; productId: number }>> {
  let entries: string[];
  try {
    entries = await readdir(usbRoot);
  } catch {
    return [];
  }
  const devices: Array<{ vendorId: number; productId: number }> = [];
  for (const entry of entries) {
    const vendor = (await readText(path.join(usbRoot, entry, 'idVendor'))).trim();
    const product = (await readText(path.join(usbRoot, entry, 'idProduct'))).trim();
    if (/^[0-9a-f]{4}$/i.test(vendor) && /^[0-9a-f]{4}$/i.test(product)) {
      devices.push({ vendorId: Number.parseInt(vendor, 16), productId: Number.parseInt(product, 16) });
    }
  }
  return devices;
}

async function kind(file: string): Promise<'socket' | 'other' | null> {
  try {
    return (await stat(file)).isSocket() ? 'socket' : 'other';
  } catch {
    return null;
  }
}

async function firstExisting(files: readonly string[]): Promise<string | null> {
  for (const file of files) if ((await kind(file)) !== null) return file;
  return null;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}
