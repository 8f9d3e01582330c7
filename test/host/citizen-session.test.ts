/**
 * The citizen's session through KioskCore's dispatcher against the real central (kiosk listener over
 * mutual TLS, citizen access with the test DNIe PKI, OCSP responder, seal) and the printer emulator at
 * the wire. Only the DNIe is replaced (`identify`): it signs central's challenge with the test citizen's
 * key, as drivers/dnie would with the card's.
 */
import { constants, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDniePki, startCitizenHarness, type CitizenHarness } from '../../central/citizen/test-harness.ts';
import { VILLADEMO } from '../../central/citizen/test-fixtures.ts';
import { testBackends } from '../../central/db/test-backends.ts';
import { enrolKiosk } from '../../central/service/admin.ts';
import { defaultAvisoPrivacidad } from '../../central/service/textos.ts';
import { KIOSK_API_VERSION, type SessionState } from '../../core/api/contract.ts';
import type { IdentifyCard } from '../../core/identification/index.ts';
import { parseReciboBarcode } from '../../core/recibos/index.ts';
import { type IssuedCertificate, TEST_DNI } from '../../drivers/pki/testing/index.ts';
import { PrinterEmulator } from '../../simulators/printer/index.ts';
import { demoRecibo } from '../support/recibo-devices.ts';
import { startTestHost, type TestHost } from '../support/test-host.ts';

const PIN = 'PRUEBA2026';
const dnie = makeDniePki(new Date());
const [pglite] = await testBackends('kiosk citizen session tests');

/** The fake card: signs whatever challenge it is given with `holder`'s key. */
function cardOf(holder: () => IssuedCertificate): IdentifyCard {
  return async (pin, challenge) => {
    if (new TextDecoder().decode(pin) !== PIN) return { status: 'pin_wrong', triesLeft: 2 };
    const cert = holder();
    return {
      status: 'identified',
      identity: {
        givenName: cert.certificate.citizen.givenName,
        surnames: cert.certificate.citizen.surnames,
        dniNumber: cert.certificate.citizen.dniNumber,
      },
      credential: {
        certificateDer: cert.der,
        signature: new Uint8Array(
          sign('sha256', challenge, { key: cert.key.privateKey, padding: constants.RSA_PKCS1_PADDING }),
        ),
      },
    };
  };
}

async function until<T>(what: string, read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(pglite === undefined)('the citizen session against the real central', () => {
  let central: CitizenHarness;
  let printer: PrinterEmulator;
  let host: TestHost;
  let dataDir: string;
  let holder: IssuedCertificate = dnie.pki.citizen;
  const events: SessionState[] = [];
  let id = 0;

  async function call(method: string, params: unknown = {}): Promise<{ type: string; result?: unknown }> {
    id += 1;
    return (await host.core.dispatch(
      JSON.stringify({ v: KIOSK_API_VERSION, type: 'call', id, method, params }),
    )) as { type: string; result?: unknown };
  }
  async function session(method: string, params: unknown = {}): Promise<SessionState> {
    const reply = await call(method, params);
    expect(reply.type).toBe('result');
    return reply.result as SessionState;
  }
  const step = () => host.core.session.state().step;
  const dnieIn = () => host.core.identification.cardChanged({ present: true, cardType: 'dnie' });

  beforeAll(async () => {
    central = await startCitizenHarness(pglite!, 'kiosk citizen session', dnie);
    dataDir = mkdtempSync(path.join(tmpdir(), 'cajero-session-'));
    const credential = await enrolKiosk(central.db, central.kioskPki.material, {
      kioskId: 'KIOSCO-T',
      municipality: VILLADEMO.ineCode,
      now: new Date(),
    });
    writeFileSync(path.join(dataDir, 'kiosk.pem'), credential.certificatePem);
    writeFileSync(path.join(dataDir, 'kiosk-key.pem'), credential.keyPem, { mode: 0o600 });
    writeFileSync(path.join(dataDir, 'ca.pem'), central.kioskPki.ca.certificatePem);
    // A pending recibo of the test citizen (MARÍA, TEST_DNI) in central.
    const barcode = demoRecibo('0000000777', 1250);
    const r = parseReciboBarcode(barcode);
    await central.db.query(
      `INSERT INTO recibos_pendientes (persona_id, emisora, modalidad, referencia, referencia_control, identificacion,
         tributo, ejercicio, importe_cents, fecha_limite, barcode)
       SELECT id, $1, 1, $2, $3, $4, '100', 2026, 1250, NULL, $5 FROM personas WHERE documento = $6`,
      [r.emisora, r.referencia, r.referenciaControl, r.identificacion, barcode, TEST_DNI],
    );
    printer = new PrinterEmulator({ tcpPort: 0 });
    const printerPort = (await printer.start()).tcp?.port;
    host = await startTestHost({
      dataDir,
      devices: ['printer', 'paymentTerminal', 'central'],
      identify: cardOf(() => holder),
      change: (config) => {
        config.kioskId = 'KIOSCO-T';
        config.devices.printer.connection = { transport: 'tcp', host: '127.0.0.1', port: printerPort };
        config.central = {
          mode: 'remote',
          url: central.kioskUrl,
          clientCertificateFile: 'kiosk.pem',
          clientKeyFile: 'kiosk-key.pem',
          caFile: 'ca.pem',
          requestTimeoutSeconds: 10,
        };
        config.screen.goodbyeSeconds = 3;
      },
    });
    host.core.events.subscribe((envelope) => {
      if (envelope.type === 'event' && envelope.event === 'session.changed')
        events.push(envelope.data as SessionState);
    });
    await until('central reachable', () => (host.core.sync.isCentralReachable() ? true : undefined));
    await until('printer ready', () =>
      host.core.devices.list().find((d) => d.device === 'printer')?.health === 'ok' ? true : undefined,
    );
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
    await printer?.stop();
    await central?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a volante colectivo: preview, one issue for a double confirm, printed with its CSV, then wiped', async () => {
    holder = dnie.pki.citizen;
    expect(await session('session.start', { language: 'ca' })).toEqual({ step: 'service', language: 'ca' });
    expect(await session('session.chooseService', { service: 'volante' })).toMatchObject({
      step: 'volante_kind',
    });
    dnieIn();
    expect(await session('session.chooseVolanteKind', { kind: 'colectivo' })).toMatchObject({
      step: 'identification',
      kind: 'colectivo',
    });
    expect(await call('identification.submitPin', { pin: PIN })).toMatchObject({
      result: { state: 'identified' },
    });
    const preview = await until('preview', () => {
      const state = host.core.session.state();
      return state.step === 'volante_preview' || state.step === 'failed' ? state : undefined;
    });
    expect(preview).toMatchObject({
      step: 'volante_preview',
      preview: { kind: 'colectivo', validezMeses: 3 },
    });
    if (preview.step !== 'volante_preview') return;
    expect(preview.preview.personas.map((p) => p.nombre)).toEqual(
      expect.arrayContaining(['MARÍA ESPAÑOLA ESPAÑOLA', 'LUCÍA PÉREZ ESPAÑOLA']),
    );
    const volantesBefore = await central.count('SELECT count(*) AS n FROM volantes');
    const [a, b] = await Promise.all([session('session.confirmVolante'), session('session.confirmVolante')]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ step: 'volante_done', kind: 'colectivo', printed: true });
    if (a.step !== 'volante_done') return;
    expect(a.csv).toMatch(/^V[A-Z2-7]{24}$/);
    expect(a.verificationUrl).toBe(`${VILLADEMO.verificationUrl}?csv=${a.csv}`);
    expect(await central.count('SELECT count(*) AS n FROM volantes')).toBe(volantesBefore + 1);
    const paper = printer.documents().at(-1);
    expect(paper?.complete).toBe(true);
    expect(paper?.text).toContain('VOLANTE DE EMPADRONAMIENTO');
    expect(paper?.text).toContain(`CSV: ${a.csv}`);
    expect(paper?.text).toContain('LUCÍA PÉREZ ESPAÑOLA');
    // The notice central sealed in the document (its default: the fixture sets no texts), not the kiosk's.
    expect(paper?.text.replace(/\s+/gu, ' ')).toContain(defaultAvisoPrivacidad(VILLADEMO.name));
    expect(events.map((s) => (s.step === 'working' ? s.what : s.step))).toEqual(
      expect.arrayContaining(['consulting', 'volante_preview', 'issuing', 'printing', 'volante_done']),
    );
    // A replayed confirm after the end issues nothing more.
    expect(await session('session.confirmVolante')).toEqual(a);
    expect(await session('session.end', { reason: 'done' })).toMatchObject({ step: 'goodbye' });
    expect(host.core.identification.identity()).toBeUndefined();
    expect(host.core.identification.credential()).toBeUndefined();
    await until('idle after goodbye', () => (step() === 'idle' ? true : undefined), 6_000);
    expect(await central.count('SELECT count(*) AS n FROM volantes')).toBe(volantesBefore + 1);
    const logs = JSON.stringify(host.logs);
    expect(logs).not.toContain(TEST_DNI);
    expect(logs).not.toContain(PIN);
    expect(logs).toContain(a.csv);
    // The session entered the kiosk's audit chain, with the CSV and nothing personal, and the chain holds.
    const audit = host.core.audit;
    expect(audit).not.toBeNull();
    const entries = audit?.list() ?? [];
    expect(entries.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['kiosk.started', 'session.started', 'volante.issued', 'session.ended']),
    );
    expect(JSON.stringify(entries.find((e) => e.kind === 'volante.issued')?.data)).toContain(a.csv);
    expect(JSON.stringify(entries)).not.toContain(TEST_DNI);
    expect(JSON.stringify(entries)).not.toContain('ESPAÑOLA');
    expect(audit?.verify()).toMatchObject({ ok: true });
  }, 60_000);

  it("pending recibos: central's list, the payable one with a ticket the payment service knows", async () => {
    holder = dnie.pki.citizen;
    await session('session.start', { language: 'es' });
    dnieIn();
    expect(await session('session.chooseService', { service: 'recibos_pendientes' })).toMatchObject({
      step: 'identification',
    });
    await call('identification.submitPin', { pin: PIN });
    const listed = await until('pending recibos', () => {
      const state = host.core.session.state();
      return state.step === 'pending_recibos' || state.step === 'failed' ? state : undefined;
    });
    expect(listed).toMatchObject({ step: 'pending_recibos' });
    if (listed.step !== 'pending_recibos') return;
    expect(listed.recibos).toHaveLength(1);
    expect(listed.recibos[0]).toMatchObject({
      paid: false,
      recibo: { emisora: '471860', importeCents: 1250, modalidad: 1 },
    });
    expect(await session('session.end', { reason: 'timeout' })).toEqual({ step: 'idle' });
  }, 60_000);

  it('a citizen not inscribed here: persona_no_empadronada, nothing issued', async () => {
    holder = dnie.stranger;
    const before = await central.count('SELECT count(*) AS n FROM volantes');
    await session('session.start', { language: 'en' });
    await session('session.chooseService', { service: 'volante' });
    dnieIn();
    await session('session.chooseVolanteKind', { kind: 'individual' });
    await call('identification.submitPin', { pin: PIN });
    const failed = await until('failure', () =>
      step() === 'failed' ? host.core.session.state() : undefined,
    );
    expect(failed).toEqual({
      step: 'failed',
      language: 'en',
      service: 'volante',
      reason: 'persona_no_empadronada',
    });
    expect(host.core.identification.identity()).toBeUndefined();
    expect(await central.count('SELECT count(*) AS n FROM volantes')).toBe(before);
    await session('session.end', { reason: 'timeout' });
  }, 60_000);

  it('paper runs out while the volante prints: central issued it, the CSV is shown, printed false', async () => {
    holder = dnie.pki.citizen;
    await session('session.start', { language: 'gl' });
    await session('session.chooseService', { service: 'volante' });
    dnieIn();
    await session('session.chooseVolanteKind', { kind: 'individual' });
    await call('identification.submitPin', { pin: PIN });
    await until('preview', () => (step() === 'volante_preview' ? true : undefined));
    printer.runOutOfPaperAfter(300);
    try {
      const done = await session('session.confirmVolante');
      expect(done).toMatchObject({ step: 'volante_done', kind: 'individual', printed: false });
      if (done.step === 'volante_done') expect(done.csv).toMatch(/^V[A-Z2-7]{24}$/);
    } finally {
      printer.runOutOfPaperAfter(null);
      printer.setState('online');
    }
    await session('session.end', { reason: 'timeout' });
  }, 60_000);

  it('out-of-order, replayed and malformed session calls change nothing', async () => {
    expect(step()).toBe('idle');
    const emitted = events.length;
    for (const [method, params] of [
      ['session.confirmVolante', {}],
      ['session.chooseVolanteKind', { kind: 'colectivo' }],
      ['session.back', {}],
      ['session.end', { reason: 'done' }],
      ['session.setLanguage', { language: 'gl' }],
    ] as const) {
      expect(await session(method, params)).toEqual({ step: 'idle' });
    }
    for (const [method, params] of [
      ['session.start', { language: 'fr' }],
      ['session.chooseService', { service: 'todo' }],
      ['session.end', { reason: 'done', extra: 1 }],
    ] as const) {
      expect(await call(method, params)).toMatchObject({ type: 'error' });
    }
    expect(events).toHaveLength(emitted);
    await session('session.start', { language: 'es' });
    expect(await session('session.start', { language: 'en' })).toEqual({ step: 'service', language: 'es' });
    expect(await session('session.confirmVolante')).toEqual({ step: 'service', language: 'es' });
    await session('session.end', { reason: 'timeout' });
  });
});

describe('the citizen session with central unreachable', () => {
  let host: TestHost;

  beforeAll(async () => {
    host = await startTestHost({
      devices: ['central'],
      change: (config) => {
        config.central = {
          mode: 'remote',
          url: 'https://127.0.0.1:1',
          clientCertificateFile: 'missing.pem',
          clientKeyFile: 'missing-key.pem',
          caFile: 'missing-ca.pem',
        };
      },
    });
  });

  afterAll(async () => {
    await host?.stop();
  });

  it('says sin_conexion at once, before the PIN is asked for', async () => {
    const reply = async (method: string, params: unknown) =>
      (
        await host.core.dispatch(
          JSON.stringify({ v: KIOSK_API_VERSION, type: 'call', id: 1, method, params }),
        )
      ).type === 'result'
        ? host.core.session.state()
        : undefined;
    host.core.identification.cardChanged({ present: true, cardType: 'dnie' });
    await reply('session.start', { language: 'eu' });
    await reply('session.chooseService', { service: 'recibos_pendientes' });
    expect(host.core.session.state()).toEqual({
      step: 'failed',
      language: 'eu',
      service: 'recibos_pendientes',
      reason: 'sin_conexion',
    });
    expect(host.core.identification.state().state).not.toBe('pin_required');
  });
});
