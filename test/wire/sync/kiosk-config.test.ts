/**
 * Central's configuration for the kiosk (`GET /v1/kiosk-config`) over mutual TLS on 127.0.0.1: first
 * against the real central (PGlite), whose municipality texts a technician changes; then against a
 * local HTTPS server with the same PKI that plays an older central (404) or a broken one, which the real
 * central cannot be made to be.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultAvisoPrivacidad, setTextos } from '../../../central/service/index.ts';
import { volanteTextosSchema } from '../../../core/citizen-access/wire.ts';
import type { CentralEndpoint, SyncClientOptions } from '../../../core/sync/index.ts';
import { CentralHarness, VILLADEMO } from './central-harness.ts';
import { openSyncKiosk, type SyncKiosk } from './sync-kiosk.ts';

const kiosks: SyncKiosk[] = [];

function kiosk(endpoint: CentralEndpoint, options: Partial<SyncClientOptions> = {}): SyncKiosk {
  const k = openSyncKiosk(endpoint, { municipalityIne: VILLADEMO.ineCode, ...options });
  kiosks.push(k);
  return k;
}

afterEach(async () => {
  for (const k of kiosks.splice(0)) await k.dispose();
});

const PIE =
  'Este volante tiene carácter informativo y no sustituye a la certificación de empadronamiento (art. 61 RPDT).';
const AVISO = 'Responsable: Ayuntamiento de Villademo. Finalidad: Padrón.\nDerechos: Oficina del Padrón.';
const OFICINA = 'Oficina del Padrón, Plaza Mayor 1, de lunes a viernes de 9 a 14 h';

describe("central's configuration from the real central", () => {
  let central: CentralHarness;

  beforeAll(async () => {
    central = await CentralHarness.create();
  });
  afterAll(async () => {
    await central?.close();
  });

  it('stores it in a round, keeps it while the version stands, takes the new texts when a technician sets them', async () => {
    const k = kiosk(await central.enrol('KIOSCO-C1'));
    expect(k.client.centralConfig()).toBeNull();
    expect(k.client.status().centralConfig).toEqual({
      version: null,
      receivedAt: null,
      lastFetch: null,
      problem: null,
    });

    const first = await k.client.syncNow();
    expect(first).toMatchObject({ ok: true, centralConfig: 'updated' });
    const config = k.client.centralConfig();
    expect(config).toMatchObject({
      municipality: {
        ineCode: VILLADEMO.ineCode,
        name: VILLADEMO.name,
        verificationUrl: VILLADEMO.verificationUrl,
      },
      textos: { avisoPrivacidad: null, pieVolante: null, oficinaAtencion: null },
    });
    expect(config?.emisoras).toContain(`${VILLADEMO.ineCode}0`);
    const status = k.client.status().centralConfig;
    expect(status.version).toBe(config?.version);
    expect(status.version).toMatch(/^[0-9a-f]{64}$/u);
    expect(status.lastFetch).toBe('updated');
    expect(k.supervisor.last).toEqual({ health: 'ok', code: 'ready' });

    // Same version: not written again, the time it arrived stays.
    expect(await k.client.syncNow()).toMatchObject({ ok: true, centralConfig: 'unchanged' });
    expect(k.client.status().centralConfig).toMatchObject({
      version: status.version,
      receivedAt: status.receivedAt,
      lastFetch: 'unchanged',
    });

    await setTextos(central.db, VILLADEMO.ineCode, {
      avisoPrivacidad: AVISO,
      pieVolante: PIE,
      oficinaAtencion: OFICINA,
    });
    expect(await k.client.syncNow()).toMatchObject({ ok: true, centralConfig: 'updated' });
    expect(k.client.centralConfig()?.textos).toEqual({
      avisoPrivacidad: AVISO,
      pieVolante: PIE,
      oficinaAtencion: OFICINA,
    });
    const changed = k.client.status().centralConfig.version;
    expect(changed).not.toBe(status.version);

    // Kept across a restart, before any round.
    await k.restart();
    expect(k.client.centralConfig()?.textos.pieVolante).toBe(PIE);
    expect(k.client.status().centralConfig).toMatchObject({ version: changed, lastFetch: null });
  });

  it("takes central's default notice for a municipality of the longest name as a volante's texts", () => {
    // What central seals when the municipality set no notice must pass the kiosk's check of the document.
    const textos = { avisoPrivacidad: defaultAvisoPrivacidad('Ñ'.repeat(200)), pieVolante: null };
    expect(volanteTextosSchema.safeParse(textos).success).toBe(true);
  });
});

type Answer = { status: number; body: unknown };

/** A central of our own making with the real PKI: the sync routes answer empty, kiosk-config as told. */
class FakeCentral {
  readonly routes: string[] = [];
  kioskConfig: () => Answer = () => ({
    status: 404,
    body: { message: 'Route GET:/v1/kiosk-config not found' },
  });
  readonly #server: Server;

  constructor(pki: CentralHarness['pki']) {
    this.#server = createServer(
      {
        cert: pki.server.certificatePem,
        key: pki.server.keyPem,
        ca: pki.ca.certificatePem,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const route = (req.url ?? '').split('?')[0] ?? '';
        this.routes.push(route);
        req.resume();
        req.on('end', () => {
          const answer: Answer =
            route === '/v1/paid-recibos'
              ? { status: 200, body: { recibos: [], cursor: '0', more: false } }
              : route === '/v1/heartbeat'
                ? { status: 200, body: { received: true } }
                : route === '/v1/kiosk-config'
                  ? this.kioskConfig()
                  : { status: 404, body: {} };
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
        });
      },
    );
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return (this.#server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

describe("central's configuration from an older or a broken central", () => {
  let central: CentralHarness;
  let fake: FakeCentral;
  let endpoint: CentralEndpoint;

  const good = (pieVolante: string | null) => ({
    municipality: { ...VILLADEMO, hostedBy: null },
    textos: { avisoPrivacidad: AVISO, pieVolante, oficinaAtencion: null },
    emisoras: ['471860'],
    version: (pieVolante === null ? 'a' : 'b').repeat(64),
  });

  beforeAll(async () => {
    central = await CentralHarness.create();
    const enrolled = await central.enrol('KIOSCO-F1');
    fake = new FakeCentral(central.pki);
    endpoint = { ...enrolled, url: `https://127.0.0.1:${await fake.listen()}` };
  });
  afterAll(async () => {
    await fake?.close();
    await central?.close();
  });

  it('an older central without the route: the round works and the status says none is offered', async () => {
    fake.kioskConfig = () => ({ status: 404, body: { message: 'Route GET:/v1/kiosk-config not found' } });
    fake.routes.length = 0;
    const k = kiosk(endpoint);
    const round = await k.client.syncNow();
    expect(round).toMatchObject({ ok: true, centralConfig: 'not_offered' });
    expect(fake.routes).toEqual(['/v1/paid-recibos', '/v1/kiosk-config', '/v1/heartbeat']);
    expect(k.client.isCentralReachable()).toBe(true);
    expect(k.supervisor.last).toEqual({ health: 'ok', code: 'ready' });
    expect(k.client.centralConfig()).toBeNull();
    expect(k.client.status().centralConfig).toEqual({
      version: null,
      receivedAt: null,
      lastFetch: 'not_offered',
      problem: null,
    });
  });

  it('a malformed answer fails that step only: the last good one stays, the round and the heartbeat go on', async () => {
    const k = kiosk(endpoint);
    fake.kioskConfig = () => ({ status: 200, body: good(PIE) });
    expect(await k.client.syncNow()).toMatchObject({ ok: true, centralConfig: 'updated' });
    const kept = k.client.status().centralConfig;

    const broken: unknown[] = [
      'not json at all',
      { ...good(null), version: 'v2' },
      {
        ...good(null),
        textos: { avisoPrivacidad: 'impresora\u001b@', pieVolante: null, oficinaAtencion: null },
      },
      { ...good(null), municipality: { ...VILLADEMO, ineCode: '28079', hostedBy: null } },
      [],
    ];
    for (const body of broken) {
      fake.kioskConfig = () => ({ status: 200, body });
      fake.routes.length = 0;
      const round = await k.client.syncNow();
      expect(round).toMatchObject({ ok: true, centralConfig: 'invalid' });
      expect(fake.routes.at(-1)).toBe('/v1/heartbeat');
      expect(k.client.isCentralReachable()).toBe(true);
      expect(k.supervisor.last).toEqual({
        health: 'warning',
        code: 'ready',
        detail: 'configuración de central no válida',
      });
      const status = k.client.status().centralConfig;
      expect(status).toMatchObject({
        version: kept.version,
        receivedAt: kept.receivedAt,
        lastFetch: 'invalid',
      });
      expect(status.problem).toMatch(/^La central ha respondido algo que el cajero no entiende\./u);
      expect(k.client.centralConfig()?.textos.pieVolante).toBe(PIE);
    }

    // A 4xx refusal of the GET (other than 404 and 403) is this step's failure too.
    fake.kioskConfig = () => ({ status: 400, body: { error: { code: 'central.bad_request' } } });
    expect(await k.client.syncNow()).toMatchObject({ ok: true, centralConfig: 'invalid' });
    expect(k.client.status().centralConfig.problem).toMatch(
      /^La central rechaza .*400 central\.bad_request/u,
    );
    expect(k.client.centralConfig()?.textos.pieVolante).toBe(PIE);

    // Central mended: the next good answer clears the warning and replaces the configuration.
    fake.kioskConfig = () => ({ status: 200, body: good(null) });
    expect(await k.client.syncNow()).toMatchObject({ ok: true, centralConfig: 'updated' });
    expect(k.supervisor.last).toEqual({ health: 'ok', code: 'ready' });
    expect(k.client.centralConfig()?.textos.pieVolante).toBeNull();
    expect(k.client.status().centralConfig.problem).toBeNull();
  });

  it('central failing on the route fails the round as any other call, and keeps what was stored', async () => {
    const k = kiosk(endpoint);
    fake.kioskConfig = () => ({ status: 200, body: good(PIE) });
    await k.client.syncNow();
    fake.kioskConfig = () => ({ status: 503, body: { error: { code: 'central.unavailable' } } });
    const round = await k.client.syncNow();
    expect(round.ok).toBe(false);
    expect(round.error?.code).toBe('sync.unreachable');
    expect(k.supervisor.last).toMatchObject({ health: 'error', code: 'offline' });
    expect(k.client.centralConfig()?.textos.pieVolante).toBe(PIE);
  });
});
