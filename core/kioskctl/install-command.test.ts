import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_FILE } from '../../kiosk-config/index.ts';
import { checkBox, installCommand } from './install-command.ts';

let box: string;
let pcscd: Server | undefined;
const uid = process.getuid?.() ?? 0;

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(box, file)), { recursive: true });
  writeFileSync(path.join(box, file), text);
}

// biome-ignore lint/suspicious/noExplicitAny: tests write arbitrary configuration JSON
function config(change: (c: any) => void = () => undefined): string {
  const c = JSON.parse(readFileSync(DEMO_CONFIG_FILE, 'utf8'));
  c.dataDir = path.join(box, 'var/lib/cajero');
  c.devices.printer.connection = { transport: 'usb', devicePath: path.join(box, 'dev/usb/lp0') };
  c.devices.scanner = { type: 'hid-pos', vendorId: 0x0416, productId: 0x5011 };
  change(c);
  const file = path.join(box, 'etc/cajero/kiosk.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(c));
  return file;
}

/** A box provisioned as docs/provisioning.md says. */
async function goodBox() {
  write(
    'etc/passwd',
    `root:x:0:0:root:/root:/bin/bash\ncajero:x:${uid}:990::/var/lib/cajero:/usr/sbin/nologin\n`,
  );
  write('etc/group', 'root:x:0:\ncajero:x:990:\naudio:x:29:cajero\nsudo:x:27:\n');
  write('etc/udev/rules.d/99-cajero.rules', '# rules\n');
  write('etc/systemd/system/cajero.service', '[Unit]\n');
  write('dev/usb/lp0', '');
  write('sys/bus/usb/devices/1-1/idVendor', '0416\n');
  write('sys/bus/usb/devices/1-1/idProduct', '5011\n');
  mkdirSync(path.join(box, 'var/lib/cajero'), { recursive: true });
  chmodSync(path.join(box, 'var/lib/cajero'), 0o700);
  mkdirSync(path.join(box, 'run/pcscd'), { recursive: true });
  pcscd = createServer();
  await new Promise<void>((resolve) => pcscd!.listen(path.join(box, 'run/pcscd/pcscd.comm'), resolve));
}

beforeEach(() => {
  box = mkdtempSync(path.join(tmpdir(), 'cajero-box-'));
});
afterEach(async () => {
  await new Promise((resolve) => (pcscd ? pcscd.close(resolve) : resolve(undefined)));
  pcscd = undefined;
  rmSync(box, { recursive: true, force: true });
});

describe('kioskctl install', () => {
  it('passes on a box provisioned as documented, and says what it could not check', async () => {
    await goodBox();
    const lines: string[] = [];
    const code = await installCommand(['--config', config()], (l) => lines.push(l), { root: box });
    expect(lines.join('\n')).not.toContain('✗');
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('terminal de pago: por red');
    expect(lines.at(-1)).toMatch(/^El cajero tiene lo que necesita \(1 aviso\)\.$/);
  });

  it('names each thing missing on a box that is not ready', async () => {
    write('etc/passwd', `cajero:x:${uid}:990::/var/lib/cajero:/bin/bash\n`);
    write('etc/group', 'cajero:x:991:\nsudo:x:27:cajero\n');
    const checks = await checkBox({
      configFile: config((c) => {
        c.devices.paymentTerminal.connection = { transport: 'serial', path: path.join(box, 'dev/ttyS9') };
      }),
      user: 'cajero',
      root: box,
    });
    const errors = Object.fromEntries(
      checks.filter((c) => c.level === 'error').map((c) => [c.id, c.message]),
    );
    expect(Object.keys(errors).sort()).toEqual(
      [
        'dataDir',
        'groups',
        'groups.devices',
        'paymentTerminal',
        'pcscd',
        'printer',
        'scanner',
        'systemd',
        'udev',
        'user',
      ].sort(),
    );
    expect(errors.user).toContain('/bin/bash');
    expect(errors.groups).toContain('sudo');
    expect(errors.scanner).toContain('0416:5011');
    expect(errors.pcscd).toContain('pcscd');
    expect(checks.find((c) => c.id === 'groups.audio')?.level).toBe('warning');
  });

  it('fails on a missing user or an invalid configuration, and answers in JSON when asked', async () => {
    await goodBox();
    write('etc/passwd', 'root:x:0:0:root:/root:/bin/bash\n');
    write('etc/cajero/bad.json', '{"kioskId": 3}');
    const lines: string[] = [];
    const code = await installCommand(
      ['--config', path.join(box, 'etc/cajero/bad.json'), '--json'],
      (l) => lines.push(l),
      {
        root: box,
      },
    );
    expect(code).toBe(1);
    const checks = JSON.parse(lines.join('\n')) as Array<{ id: string; level: string }>;
    expect(checks.filter((c) => c.level === 'error').map((c) => c.id)).toEqual(['config', 'user']);
  });

  it('warns about a data folder other users can read', async () => {
    await goodBox();
    chmodSync(path.join(box, 'var/lib/cajero'), 0o755);
    const checks = await checkBox({ configFile: config(), user: 'cajero', root: box });
    expect(checks.find((c) => c.id === 'dataDir')).toMatchObject({ level: 'warning' });
  });
});
