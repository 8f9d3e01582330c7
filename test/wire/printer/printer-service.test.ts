/**
 * Core's printer service and kioskctl's printer commands against the ESC/POS emulator over TCP: the
 * status a technician reads and what comes out on paper are the emulator's, not our own driver's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskctl } from '../../../core/kioskctl/main.ts';
import { PrinterEmulator } from '../../../simulators/printer/index.ts';
import { startTestHost, type TestHost } from '../../support/test-host.ts';

let emulator: PrinterEmulator;
let port: number;
let host: TestHost;

async function ctl(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await kioskctl(
    [...argv, '--socket', host.controlSocket],
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  emulator = new PrinterEmulator({ tcpPort: 0 });
  port = (await emulator.start()).tcp!.port;
  host = await startTestHost({
    change: (config) => {
      config.devices.printer.connection = { transport: 'tcp', host: '127.0.0.1', port };
    },
  });
});

afterAll(async () => {
  await host.stop();
  await emulator.stop();
});

describe('printer service at the wire', () => {
  it('reports a ready printer, then paper near end, as the printer says', async () => {
    emulator.setState('online');
    expect((await ctl('printer', 'status')).out).toBe('impresora: ready [ok]\n  señales activas: ninguna');
    emulator.setState('paper-near-end');
    const near = await ctl('printer', 'status');
    expect(near.code).toBe(0);
    expect(near.out).toMatch(/^impresora: paper_near_end \[warning\]/);
    expect(host.core.devices.get('printer')).toMatchObject({ health: 'warning', code: 'paper_near_end' });
  });

  it('prints the test page, and the emulator holds it with its QR to the verification page', async () => {
    emulator.setState('online');
    const before = emulator.documents().length;
    const result = await ctl('printer', 'test-page');
    expect(result).toMatchObject({ code: 0, out: 'página de prueba impresa' });
    const documents = emulator.documents();
    expect(documents.length).toBe(before + 1);
    const page = documents.at(-1)!;
    expect(page.complete).toBe(true);
    // The emulator flags what a real printer would do differently from what the driver meant.
    expect(page.warnings).toEqual([]);
    expect(page.unknown).toEqual([]);
    expect(page.text).toContain('PÁGINA DE PRUEBA');
    expect(page.text).toContain('ñ Ñ á é í ó ú Á É Í Ó Ú ü Ü ¿ ¡ € º ª');
    const qr = page.blocks.find((b) => b.kind === 'qr');
    expect(qr && 'text' in qr ? qr.text : null).toBe('http://127.0.0.1:8090/verificar?csv=PRUEBA-IMPRESORA');
  });

  it('sends nothing to a printer without paper, and says so', async () => {
    emulator.setState('paper-out');
    const before = emulator.documents().length;
    const result = await ctl('printer', 'test-page');
    expect(result.code).toBe(1);
    expect(result.out).toContain('página de prueba NO impresa');
    expect(result.out).toContain('no se envió nada a la impresora');
    expect(emulator.documents().length).toBe(before);
    expect(host.core.devices.get('printer')).toMatchObject({ health: 'error', code: 'paper_out' });
    expect((await ctl('printer', 'status')).code).toBe(1);
  });

  it('reports a printer that stops answering as disconnected, and finds it again', async () => {
    emulator.setState('off');
    const silent = await host.core.printer.check();
    expect(silent.report).toMatchObject({ health: 'error', code: 'disconnected' });
    emulator.setState('online');
    const back = await host.core.printer.check();
    expect(back.report).toMatchObject({ health: 'ok', code: 'ready' });
  });

  it('reconnects after the printer restarts on the same port', async () => {
    await emulator.stop();
    expect((await host.core.printer.check()).report.code).toBe('disconnected');
    emulator = new PrinterEmulator({ tcpPort: port });
    await emulator.start();
    expect((await host.core.printer.check()).report).toMatchObject({ health: 'ok', code: 'ready' });
  });
});
