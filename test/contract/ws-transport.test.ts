import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { connectScreen, rawExchange, waitOpen } from '../support/ws-api.ts';
import { startTestHost, type TestHost } from '../support/test-host.ts';
import { kioskApiContract } from './kiosk-api-contract.ts';

kioskApiContract('WebSocket (browser mode)', async () => {
  const host = await startTestHost();
  const api = connectScreen(host.origin);
  await waitOpen(api);
  return {
    core: host.core,
    api,
    raw: (frame) => rawExchange(host.origin, frame),
    stop: async () => {
      api.close();
      await host.stop();
    },
  };
});

describe('WebSocket transport', () => {
  let host: TestHost | undefined;
  afterEach(async () => {
    await host?.stop();
    host = undefined;
  });

  it('refuses a connection from a page of another origin', async () => {
    host = await startTestHost();
    const socket = new NodeWebSocket(`${host.origin.replace('http', 'ws')}/api`, {
      origin: 'http://evil.example',
    });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
      socket.once('error', () => resolve('error'));
    });
    expect(outcome).toBe('refused 401');
    expect(host.logs.some((l) => l.msg === 'kiosk api connection refused: foreign origin')).toBe(true);
  });

  it('tells core how many screens are connected, so a session whose screen is gone gets ended', async () => {
    host = await startTestHost();
    const counts: number[] = [];
    const original = host.core.screens.screens.bind(host.core.screens);
    host.core.screens.screens = (count) => {
      counts.push(count);
      original(count);
    };
    const api = connectScreen(host.origin);
    await waitOpen(api);
    await api.call('session.start', { language: 'eu' });
    api.close();
    const deadline = Date.now() + 5000;
    while (counts.at(-1) !== 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(counts).toEqual([1, 0]);
    // The screen's idle timeout and its warning have to pass first: the session is still there.
    expect(host.core.session.state()).toEqual({ step: 'service', language: 'eu' });
  });

  it('logs a rejected call without its params', async () => {
    host = await startTestHost();
    await rawExchange(
      host.origin,
      JSON.stringify({ v: 1, type: 'call', id: 3, method: 'kiosk.hello', params: { pin: '4321' } }),
    );
    const rejected = host.logs.find((l) => l.msg === 'kiosk api call rejected');
    expect(rejected).toMatchObject({ apiError: 'invalid_params', callId: 3, method: 'kiosk.hello' });
    expect(JSON.stringify(host.logs)).not.toContain('4321');
  });

  it('comes back by itself when core restarts, and fails pending calls as unavailable meanwhile', async () => {
    host = await startTestHost();
    const port = Number(new URL(host.url).port);
    const api = connectScreen(host.origin, { callTimeoutMs: 2000 });
    await waitOpen(api);
    const dataDir = host.dataDir;
    await host.close();
    await expect(api.call('devices.list', {})).rejects.toMatchObject({ code: 'unavailable' });
    // Same port and data folder, as after a restart of the kiosk process.
    host = await startTestHost({ dataDir, port });
    await waitOpen(api);
    await expect(api.call('devices.list', {})).resolves.toHaveProperty('devices');
    api.close();
  });
});
