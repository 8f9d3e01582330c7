/**
 * `kioskctl audit` through a running core's control socket: a technician's command that changes
 * something (the printer test page) enters the chain with its outcome, and verify and list see it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKioskctl as run } from '../support/kioskctl-run.ts';
import { startTestHost, type TestHost } from '../support/test-host.ts';

describe('kioskctl audit with the kiosk running', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ devices: ['printer'] });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('records the technician’s test page and verifies the chain through the socket', async () => {
    const socket = host.controlSocket;
    // The test host's printer is at a port that refuses: the page is not delivered, and that is recorded.
    await run('printer', 'test-page', '--socket', socket);
    const list = await run('audit', 'list', '--socket', socket, '--json');
    expect(list.code).toBe(0);
    const entries = JSON.parse(list.out) as { seq: number; kind: string; data: Record<string, unknown> }[];
    expect(entries.at(-1)).toMatchObject({
      kind: 'technician.printer_test_page',
      data: { result: 'not_delivered' },
    });
    const verify = await run('audit', 'verify', '--socket', socket);
    expect(verify.code).toBe(0);
    expect(verify.out).toContain(`cadena íntegra: ${entries.length} entradas`);
    // A status request changes nothing and is not recorded.
    await run('status', '--socket', socket);
    expect(JSON.parse((await run('audit', 'list', '--socket', socket, '--json')).out)).toHaveLength(
      entries.length,
    );
  });
});
