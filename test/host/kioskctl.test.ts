import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKioskctl as run } from '../support/kioskctl-run.ts';
import { demoConfigText, startTestHost, type TestHost } from '../support/test-host.ts';

const examples = [
  'kiosk-config/demo.json',
  'kiosk-config/examples/valladolid-plaza-mayor.json',
  'kiosk-config/examples/diputacion-tordesillas.json',
];

describe('kioskctl config check', () => {
  it.each(examples)('accepts %s', async (file) => {
    const result = await run('config', 'check', file);
    expect(result.code).toBe(0);
    expect(result.out).toContain('configuración válida');
  });

  it('rejects a broken file with one line per problem and exit code 1', async () => {
    const file = path.join(tmpdir(), `broken-${process.pid}.json`);
    writeFileSync(
      file,
      demoConfigText((c) => {
        c.devices.printer.paperWidthMm = 72;
        c.offline.maxAmountPerReciboCents = 'mucho';
      }),
    );
    const result = await run('config', 'check', file);
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toEqual([
      `kioskctl: La configuración del cajero no es válida (${file}): hay 2 problemas`,
      '  devices.printer.paperWidthMm: valor 72; se espera uno de 58 o 80',
      '  offline.maxAmountPerReciboCents: valor "mucho"; se espera un número',
    ]);
  });

  it('runs as a program from the shell with the same exit codes', () => {
    const node = process.execPath;
    const ok = spawnSync(node, ['core/kioskctl/main.ts', 'config', 'check', examples[0]!], {
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    const missing = spawnSync(node, ['core/kioskctl/main.ts', 'config', 'check', '/nonexistent.json'], {
      encoding: 'utf8',
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('el fichero no existe');
    expect(missing.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('explains its usage', async () => {
    expect((await run('help')).out).toContain('kioskctl config check FICHERO');
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('config', 'check')).code).toBe(2);
    expect((await run('status', '--bogus')).code).toBe(2);
  });
});

describe('kioskctl status', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost();
  });
  afterAll(async () => {
    await host.stop();
  });

  it('shows version, configuration and each device state of the running core', async () => {
    // The test host's printer points at a closed port: its exact state is "disconnected".
    await host.core.printer.check();
    const result = await run('status', '--socket', host.controlSocket);
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'Cajero DEMO-001 «Cajero ciudadano de demostración» (Ayuntamiento de Villademo)',
    );
    expect(result.out).toMatch(/software \d+\.\d+\.\d+, KioskApi 1/);
    expect(result.out).toContain(`pantalla: ${host.url}`);
    expect(result.out).toMatch(
      /impresora\s+sin conexión \[error\/disconnected\] desde .* — .*127\.0\.0\.1:1/,
    );
    expect(result.out).toMatch(/central\s+sin controlador en esta versión \[unknown\/driver_pending\]/);
    const json = JSON.parse((await run('status', '--socket', host.controlSocket, '--json')).out);
    expect(json.devices).toHaveLength(5);
    expect(json.kioskId).toBe('DEMO-001');
  });

  it('says plainly when no kiosk is running', async () => {
    const result = await run('status', '--socket', path.join(tmpdir(), 'no-such-kiosk.sock'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('no hay ningún cajero en marcha con esa carpeta de datos');
  });
});
