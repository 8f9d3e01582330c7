import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CardPresence,
  type ReciboCheck,
  type SessionState,
  sessionStateSchema,
} from '../api/contract.ts';
import {
  type CentralRecibo,
  type CitizenAccess,
  CitizenAccessError,
  type CitizenProof,
  type CitizenService,
  type IssueAnswer,
  type PreviewAnswer,
} from '../citizen-access/index.ts';
import { IdentificationService, type IdentifyOutcome } from '../identification/index.ts';
import { createLogger } from '../log/logger.ts';
import { buildReciboBarcode } from '../recibos/index.ts';
import { CitizenSession, type SessionAuditData } from './citizen-session.ts';

const PIN = 'SECRETO42';
const DNI = '99999999R';
const CERT = new Uint8Array([0x30, 0x82, 1, 2, 3]);
const SIG = new Uint8Array(256).fill(7);
const dnieIn: CardPresence = { present: true, cardType: 'dnie' };
const cardOut: CardPresence = { present: false, cardType: null };

const persona = {
  nombre: 'MARÍA JOSÉ',
  apellido1: 'ESPAÑOLA',
  apellido2: 'ESPAÑOLA',
  documento: DNI,
  fechaNacimiento: '1980-02-29',
  lugarNacimiento: 'Valladolid',
  nacionalidad: 'España',
  fechaAlta: '2015-06-01',
  motivoAlta: 'Cambio de residencia',
};

function previewAnswer(kind: 'individual' | 'colectivo'): PreviewAnswer {
  return {
    grantId: 'a'.repeat(32),
    expiresAt: '2026-11-23T10:05:00.000Z',
    kind,
    preview: {
      municipio: { codigoIne: '47186', nombre: 'Valladolid' },
      domicilio: { hoja: 12, direccion: 'Calle Mayor 1, 2º B', codigoPostal: '47001' },
      personas: [persona],
      validezMeses: 3,
    },
  };
}

function issueAnswer(kind: 'individual' | 'colectivo'): IssueAnswer {
  const csv = 'VABCDEFGHIJKLMNOPQRSTUVWX';
  const verificationUrl = `https://sede.example/verificar?csv=${csv}`;
  return {
    csv,
    kind,
    issuedAt: '2026-11-23T10:00:00.000Z',
    // 23:30 UTC on the 22nd is already the 23rd in Madrid.
    validUntil: '2027-02-22T23:30:00.000Z',
    verificationUrl,
    document: {
      documento: 'volante_empadronamiento',
      clase: kind,
      csv,
      municipio: { codigoIne: '47186', nombre: 'Valladolid' },
      expedidoEn: '2026-11-23T10:00:00.000Z',
      validoHasta: '2027-02-22T23:30:00.000Z',
      domicilio: { hoja: 12, direccion: 'Calle Mayor 1, 2º B', codigoPostal: '47001' },
      personas: [persona],
      urlVerificacion: verificationUrl,
    },
    canonical: '{}',
    dataHash: '0'.repeat(64),
    seal: 'AAAA',
  };
}

function reciboBarcode(referencia: string): string {
  return buildReciboBarcode({
    modalidad: 2,
    emisora: '471860',
    referencia,
    tributo: '100',
    ejercicio: 2026,
    importeCents: 4250,
    fechaLimite: { year: 2026, month: 12, day: 31 },
  });
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A fake of our own CitizenAccess interface: records what the session asked, answers as told. */
class FakeCentral implements CitizenAccess {
  readonly challenges: CitizenService[] = [];
  readonly proofs: CitizenProof[] = [];
  readonly issued: string[] = [];
  challengeBytes = new Uint8Array(32).fill(9);
  challengeAnswer: () => Promise<void> = async () => undefined;
  preview: () => Promise<PreviewAnswer> = async () => previewAnswer('individual');
  issue: () => Promise<IssueAnswer> = async () => issueAnswer('individual');
  recibos: () => Promise<CentralRecibo[]> = async () => [];

  async challenge(service: CitizenService) {
    this.challenges.push(service);
    await this.challengeAnswer();
    return {
      challengeId: String(this.challenges.length).padStart(32, '0'),
      challenge: this.challengeBytes,
      expiresAt: '2026-11-23T10:02:00.000Z',
    };
  }
  previewVolante(proof: CitizenProof) {
    this.proofs.push(proof);
    return this.preview();
  }
  issueVolante(grantId: string) {
    this.issued.push(grantId);
    return this.issue();
  }
  pendingRecibos(proof: CitizenProof) {
    this.proofs.push(proof);
    return this.recibos();
  }
}

interface Options {
  reachable?: boolean;
  printerUsable?: boolean;
  printed?: boolean | Error;
  identify?: (pin: string, challenge: Uint8Array) => IdentifyOutcome | Promise<IdentifyOutcome>;
  checkRecibo?: (barcode: string) => ReciboCheck;
  oficinaAtencion?: string | null;
}

function harness(options: Options = {}) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ destination, level: 'debug', component: 'test' });
  const signed: Uint8Array[] = [];
  const identification = new IdentificationService({
    identify: async (pin, challenge) => {
      signed.push(Uint8Array.from(challenge));
      const text = new TextDecoder().decode(pin);
      if (options.identify) return options.identify(text, challenge);
      if (text !== PIN) return { status: 'pin_wrong', triesLeft: 2 };
      return {
        status: 'identified',
        identity: { givenName: 'MARÍA JOSÉ', surnames: 'ESPAÑOLA ESPAÑOLA', dniNumber: DNI },
        credential: { certificateDer: CERT, signature: SIG },
      };
    },
    random: (length) => new Uint8Array(length).fill(1),
    logger,
  });
  const central = new FakeCentral();
  const printedDocs: { csv: string; validezMeses: number }[] = [];
  const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const audit: { kind: string; data: SessionAuditData }[] = [];
  let card: CardPresence = cardOut;
  const checks: string[] = [];
  const session = new CitizenSession({
    identification,
    citizenAccess: central,
    isCentralReachable: () => options.reachable ?? true,
    printerUsable: () => options.printerUsable ?? true,
    printVolante: async (issued, validezMeses) => {
      printedDocs.push({ csv: issued.csv, validezMeses });
      if (options.printed instanceof Error) throw options.printed;
      return options.printed ?? true;
    },
    checkRecibo: (barcode) => {
      checks.push(barcode);
      return (
        options.checkRecibo?.(barcode) ?? {
          ok: true,
          recibo: {
            ticket: `T${checks.length}`,
            modalidad: 2,
            tributo: '100',
            ejercicio: 2026,
            emisora: '471860',
            referencia: '000000000100',
            identificacion: '1100260100',
            importeCents: 4250,
            fechaLimite: '2026-12-31',
          },
        }
      );
    },
    cardPresent: () => card.present,
    timeZone: 'Europe/Madrid',
    goodbyeMs: 10_000,
    ...(options.oficinaAtencion === undefined
      ? {}
      : { oficinaAtencion: () => options.oficinaAtencion ?? null }),
    logger,
    audit: (kind, data) => audit.push({ kind, data }),
    setTimer: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  });
  const states: SessionState[] = [];
  session.onChange((state) => {
    // Every state the session takes is one the contract (and so the event hub) accepts.
    sessionStateSchema.parse(state);
    states.push(state);
  });
  const setCard = (next: CardPresence) => {
    card = next;
    identification.cardChanged(next);
    session.cardChanged(next);
  };
  const fireTimers = () => {
    for (const timer of timers.splice(0)) if (!timer.cancelled) timer.run();
  };
  /** Nothing of the citizen left: identity, certificate, signature. */
  const wiped = () =>
    identification.identity() === undefined &&
    identification.credential() === undefined &&
    identification.state().state !== 'identified';
  return {
    session,
    identification,
    central,
    printedDocs,
    timers,
    fireTimers,
    audit,
    states,
    lines,
    signed,
    checks,
    setCard,
    wiped,
  };
}

type Harness = ReturnType<typeof harness>;

/** Up to the preview of a volante individual, with the DNIe in. */
async function toPreview(h: Harness, kind: 'individual' | 'colectivo' = 'individual') {
  h.session.start('gl');
  h.session.chooseService('volante');
  h.setCard(dnieIn);
  h.session.chooseVolanteKind(kind);
  await h.identification.submitPin(PIN);
  await settle();
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('citizen session: the steps', () => {
  it('starts from idle with the language and offers the services', () => {
    const h = harness();
    expect(h.session.state()).toEqual({ step: 'idle' });
    expect(h.session.start('eu')).toEqual({ step: 'service', language: 'eu' });
    expect(h.session.setLanguage('ca')).toEqual({ step: 'service', language: 'ca' });
    expect(h.audit[0]).toEqual({ kind: 'session.started', data: { language: 'eu' } });
  });

  it('takes the recibo service without identification, and back to the choice, and back to idle', () => {
    const h = harness();
    h.session.start('es');
    expect(h.session.chooseService('recibo')).toEqual({ step: 'recibo', language: 'es' });
    expect(h.central.challenges).toEqual([]);
    expect(h.session.back()).toEqual({ step: 'service', language: 'es' });
    expect(h.session.back()).toEqual({ step: 'idle' });
  });

  it('volante: the kind, then the DNIe (PIN asked again for a card already in)', () => {
    const h = harness();
    h.setCard(dnieIn);
    h.session.start('es');
    expect(h.session.chooseService('volante')).toEqual({ step: 'volante_kind', language: 'es' });
    expect(h.session.chooseVolanteKind('colectivo')).toEqual({
      step: 'identification',
      language: 'es',
      service: 'volante',
      kind: 'colectivo',
    });
    expect(h.identification.state()).toEqual({ state: 'pin_required' });
  });

  it('offline: says so at once, before the PIN, and never asks central for a challenge', () => {
    for (const service of ['volante', 'recibos_pendientes'] as const) {
      const h = harness({ reachable: false });
      h.setCard(dnieIn);
      h.session.start('es');
      if (service === 'volante') h.session.chooseService('volante');
      const state =
        service === 'volante' ? h.session.chooseVolanteKind('individual') : h.session.chooseService(service);
      expect(state).toEqual({ step: 'failed', language: 'es', service, reason: 'sin_conexion' });
      expect(h.states.some((s) => s.step === 'identification')).toBe(false);
      expect(h.central.challenges).toEqual([]);
      expect(h.signed).toEqual([]);
    }
  });

  it("a failure says where the municipality helps in person, when central's configuration has it", () => {
    const office = 'Oficina del Padrón, Plaza Mayor 1, de 9 a 14 h';
    const h = harness({ reachable: false, oficinaAtencion: `  ${office}\n` });
    h.session.start('ca');
    expect(h.session.chooseService('recibos_pendientes')).toEqual({
      step: 'failed',
      language: 'ca',
      service: 'recibos_pendientes',
      reason: 'sin_conexion',
      oficinaAtencion: office,
    });
    const none = harness({ reachable: false, oficinaAtencion: '   ' });
    none.session.start('es');
    expect(none.session.chooseService('recibos_pendientes')).not.toHaveProperty('oficinaAtencion');
  });

  it('printer unusable: a volante is refused before the PIN; pending recibos are not', () => {
    const h = harness({ printerUsable: false });
    h.session.start('es');
    h.session.chooseService('volante');
    expect(h.session.chooseVolanteKind('individual')).toMatchObject({
      step: 'failed',
      reason: 'impresora_no_disponible',
    });
    const other = harness({ printerUsable: false });
    other.session.start('es');
    expect(other.session.chooseService('recibos_pendientes')).toMatchObject({ step: 'identification' });
  });
});

describe('citizen session: a volante through central', () => {
  it("signs central's fresh challenge, previews, issues once, prints, shows the CSV", async () => {
    const h = harness();
    await toPreview(h);
    expect(h.central.challenges).toEqual(['volante.individual']);
    // The card signed central's bytes, not a local challenge.
    expect(h.signed).toEqual([h.central.challengeBytes]);
    expect(h.central.proofs).toEqual([
      { challengeId: '1'.padStart(32, '0'), certificateDer: CERT, signature: SIG },
    ]);
    const state = h.session.state();
    expect(state).toEqual({
      step: 'volante_preview',
      language: 'gl',
      preview: {
        kind: 'individual',
        municipio: 'Valladolid',
        domicilio: { direccion: 'Calle Mayor 1, 2º B', codigoPostal: '47001' },
        personas: [
          {
            nombre: 'MARÍA JOSÉ ESPAÑOLA ESPAÑOLA',
            documento: DNI,
            fechaNacimiento: '1980-02-29',
            fechaAlta: '2015-06-01',
          },
        ],
        validezMeses: 3,
      },
    });
    expect(h.states.map((s) => (s.step === 'working' ? `working/${s.what}` : s.step))).toEqual([
      'service',
      'volante_kind',
      'identification',
      'working/consulting',
      'volante_preview',
    ]);
    const done = await h.session.confirmVolante();
    expect(done).toEqual({
      step: 'volante_done',
      language: 'gl',
      kind: 'individual',
      csv: 'VABCDEFGHIJKLMNOPQRSTUVWX',
      verificationUrl: 'https://sede.example/verificar?csv=VABCDEFGHIJKLMNOPQRSTUVWX',
      validUntil: '2027-02-23',
      printed: true,
    });
    expect(h.states.slice(-3).map((s) => (s.step === 'working' ? s.what : s.step))).toEqual([
      'issuing',
      'printing',
      'volante_done',
    ]);
    expect(h.central.issued).toEqual(['a'.repeat(32)]);
    expect(h.printedDocs).toEqual([{ csv: 'VABCDEFGHIJKLMNOPQRSTUVWX', validezMeses: 3 }]);
    expect(h.audit.map((a) => a.kind)).toEqual([
      'session.started',
      'session.service_chosen',
      'session.volante_kind_chosen',
      'session.identification',
      'volante.issued',
      'volante.printed',
    ]);
    expect(h.audit.find((a) => a.kind === 'volante.issued')?.data).toEqual({
      csv: 'VABCDEFGHIJKLMNOPQRSTUVWX',
      kind: 'individual',
    });
  });

  it('a repeated confirm (double tap, reconnected screen) issues once and answers the same', async () => {
    const h = harness();
    await toPreview(h);
    const issue = deferred<IssueAnswer>();
    h.central.issue = () => issue.promise;
    const first = h.session.confirmVolante();
    const second = h.session.confirmVolante();
    expect(h.session.state()).toMatchObject({ step: 'working', what: 'issuing' });
    issue.resolve(issueAnswer('individual'));
    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual(b);
    expect(a.step).toBe('volante_done');
    expect(h.central.issued).toHaveLength(1);
    expect(h.printedDocs).toHaveLength(1);
    // Once done, a replayed confirm changes nothing either.
    expect(await h.session.confirmVolante()).toEqual(a);
    expect(h.central.issued).toHaveLength(1);
  });

  it('the printer fails after central issued: the CSV is still shown, printed false', async () => {
    for (const printed of [false, new Error('cable')]) {
      const h = harness({ printed });
      await toPreview(h);
      expect(await h.session.confirmVolante()).toMatchObject({
        step: 'volante_done',
        csv: 'VABCDEFGHIJKLMNOPQRSTUVWX',
        printed: false,
      });
      expect(h.audit.at(-1)).toEqual({
        kind: 'volante.printed',
        data: { csv: 'VABCDEFGHIJKLMNOPQRSTUVWX', printed: false },
      });
    }
  });

  it("maps central's refusals to the failure the screen explains, and wipes the citizen", async () => {
    const cases = [
      ['persona_no_empadronada', 'central.persona_unknown'],
      ['colectivo_no_permitido', 'central.colectivo_not_allowed'],
      ['certificado_rechazado', 'central.citizen_signature_invalid'],
    ] as const;
    for (const [reason, centralCode] of cases) {
      const h = harness();
      h.central.preview = async () => {
        throw new CitizenAccessError('citizen_access.refused', reason, 'x', { centralCode });
      };
      await toPreview(h, 'colectivo');
      expect(h.session.state()).toEqual({ step: 'failed', language: 'gl', service: 'volante', reason });
      expect(h.wiped()).toBe(true);
      expect(h.audit.at(-1)).toEqual({ kind: 'session.failed', data: { service: 'volante', reason } });
    }
  });

  it('an expired grant at confirmation is tiempo_agotado; nothing printed', async () => {
    const h = harness();
    await toPreview(h);
    h.central.issue = async () => {
      throw new CitizenAccessError('citizen_access.refused', 'tiempo_agotado', 'grant expired');
    };
    expect(await h.session.confirmVolante()).toMatchObject({ step: 'failed', reason: 'tiempo_agotado' });
    expect(h.printedDocs).toEqual([]);
  });

  it('no challenge from central at PIN time: failed, the card never touched, the PIN not kept', async () => {
    const h = harness();
    h.central.challengeAnswer = async () => {
      throw new CitizenAccessError('citizen_access.unreachable', 'sin_conexion', 'ECONNREFUSED');
    };
    h.session.start('es');
    h.session.chooseService('recibos_pendientes');
    h.setCard(dnieIn);
    await h.identification.submitPin(PIN);
    expect(h.signed).toEqual([]);
    expect(h.session.state()).toMatchObject({ step: 'failed', reason: 'sin_conexion' });
    expect(h.lines.join('')).not.toContain(PIN);
  });

  it("an identification without central's signature is refused (error_interno), not sent", async () => {
    const h = harness({
      identify: () => ({
        status: 'identified',
        identity: { givenName: 'ANA', surnames: 'X', dniNumber: DNI },
      }),
    });
    await toPreview(h);
    expect(h.session.state()).toMatchObject({ step: 'failed', reason: 'error_interno' });
    expect(h.central.proofs).toEqual([]);
  });

  it('a wrong PIN then the right one: each attempt signs a fresh challenge', async () => {
    const h = harness();
    h.session.start('es');
    h.session.chooseService('volante');
    h.setCard(dnieIn);
    h.session.chooseVolanteKind('individual');
    expect(await h.identification.submitPin('WRONG123')).toEqual({ state: 'pin_wrong', triesLeft: 2 });
    expect(h.session.state().step).toBe('identification');
    await h.identification.submitPin(PIN);
    await settle();
    expect(h.central.challenges).toHaveLength(2);
    expect(h.central.proofs[0]?.challengeId).toBe('2'.padStart(32, '0'));
    expect(h.session.state().step).toBe('volante_preview');
    expect(h.audit.filter((a) => a.kind === 'session.identification').map((a) => a.data.result)).toEqual([
      'pin_wrong',
      'identified',
    ]);
  });
});

describe('citizen session: pending recibos', () => {
  it("lists central's recibos, payable ones with a ticket of the payment service", async () => {
    const h = harness({
      checkRecibo: (barcode) =>
        barcode === reciboBarcode('0000000300')
          ? { ok: false, reason: 'emisora_no_admitida', field: null }
          : {
              ok: true,
              recibo: {
                ticket: 'PTICKET1',
                modalidad: 2,
                tributo: '100',
                ejercicio: 2026,
                emisora: '471860',
                referencia: '000000010018',
                identificacion: '1100260100',
                importeCents: 4250,
                fechaLimite: '2026-12-31',
              },
            },
    });
    const central = (referencia: string, paid: boolean): CentralRecibo => ({
      emisora: '471860',
      referencia,
      identificacion: '1100260100',
      importeCents: 4250,
      fechaLimite: '2026-12-31',
      modalidad: 2,
      tributo: '100',
      ejercicio: 2026,
      barcode: reciboBarcode(referencia),
      concepto: 'IBI',
      paid,
    });
    h.central.recibos = async () => [
      central('0000000100', false),
      central('0000000200', true),
      central('0000000300', false),
    ];
    h.session.start('en');
    h.session.chooseService('recibos_pendientes');
    h.setCard(dnieIn);
    await h.identification.submitPin(PIN);
    await settle();
    expect(h.central.challenges).toEqual(['recibos.pendientes']);
    const state = h.session.state();
    expect(state.step).toBe('pending_recibos');
    if (state.step !== 'pending_recibos') return;
    expect(state.recibos).toHaveLength(3);
    expect(state.recibos[0]).toMatchObject({ recibo: { ticket: 'PTICKET1' }, concepto: 'IBI', paid: false });
    expect(state.recibos[0]).not.toHaveProperty('refusal');
    // The paid one is shown, never checked (never given a payable ticket).
    expect(state.recibos[1]).toMatchObject({ paid: true, recibo: { importeCents: 4250 } });
    // One this kiosk cannot take is shown with the reason, under a ticket the payment service never issued.
    expect(state.recibos[2]).toMatchObject({
      paid: false,
      refusal: 'emisora_no_admitida',
      recibo: { referencia: expect.stringMatching(/^0000000300/) },
    });
    expect(state.recibos[2]?.recibo.ticket).not.toBe('PTICKET1');
    expect(h.checks).toEqual([reciboBarcode('0000000100'), reciboBarcode('0000000300')]);
    expect(h.audit.at(-1)).toEqual({ kind: 'recibos.pending_listed', data: { count: 3 } });
    expect(h.session.back()).toEqual({ step: 'service', language: 'en' });
    expect(h.wiped()).toBe(true);
  });
});

describe('citizen session: every exit wipes', () => {
  it('done: goodbye asking to take the card, then idle after goodbyeSeconds', async () => {
    const h = harness();
    await toPreview(h);
    expect(h.identification.identity()).toBeDefined();
    expect(h.session.end('done')).toEqual({ step: 'goodbye', language: 'gl', takeCard: true });
    expect(h.wiped()).toBe(true);
    expect(h.identification.state()).toEqual({ state: 'cancelled' });
    expect(h.timers.map((t) => t.ms)).toEqual([10_000]);
    h.fireTimers();
    expect(h.session.state()).toEqual({ step: 'idle' });
    expect(h.audit.find((a) => a.kind === 'session.ended')?.data).toEqual({ reason: 'done' });
  });

  it('timeout: straight to idle, wiped', async () => {
    const h = harness();
    await toPreview(h);
    expect(h.session.end('timeout')).toEqual({ step: 'idle' });
    expect(h.wiped()).toBe(true);
  });

  it('card pulled mid-flow: the session ends, the late answer from central is dropped', async () => {
    const h = harness();
    const preview = deferred<PreviewAnswer>();
    h.central.preview = () => preview.promise;
    await toPreview(h);
    expect(h.session.state()).toMatchObject({ step: 'working', what: 'consulting' });
    h.setCard(cardOut);
    expect(h.session.state()).toEqual({ step: 'goodbye', language: 'gl', takeCard: false });
    expect(h.wiped()).toBe(true);
    preview.resolve(previewAnswer('individual'));
    await settle();
    expect(h.session.state().step).toBe('goodbye');
    expect(JSON.stringify(h.states.at(-1))).not.toContain(DNI);
    h.fireTimers();
    expect(h.session.state()).toEqual({ step: 'idle' });
    expect(h.audit.find((a) => a.kind === 'session.ended')?.data).toEqual({ reason: 'card_removed' });
  });

  it('card pulled at the preview, at the PIN and after a failure ends the session too', async () => {
    const atPreview = harness();
    await toPreview(atPreview);
    atPreview.setCard(cardOut);
    expect(atPreview.session.state().step).toBe('goodbye');

    const atPin = harness();
    atPin.session.start('es');
    atPin.session.chooseService('recibos_pendientes');
    atPin.setCard(dnieIn);
    atPin.setCard(cardOut);
    expect(atPin.session.state()).toMatchObject({ step: 'goodbye', takeCard: false });

    const afterFailure = harness();
    afterFailure.central.preview = async () => {
      throw new CitizenAccessError('citizen_access.refused', 'persona_no_empadronada', 'x');
    };
    await toPreview(afterFailure);
    afterFailure.setCard(cardOut);
    expect(afterFailure.session.state().step).toBe('goodbye');
  });

  it('a card pulled before any identification (recibo service) does not end the session', () => {
    const h = harness();
    h.setCard(dnieIn);
    h.session.start('es');
    h.session.chooseService('recibo');
    h.setCard(cardOut);
    expect(h.session.state()).toEqual({ step: 'recibo', language: 'es' });
  });

  it("card pulled while issuing: central's volante is logged by CSV, not printed, not shown", async () => {
    const h = harness();
    await toPreview(h);
    const issue = deferred<IssueAnswer>();
    h.central.issue = () => issue.promise;
    const confirming = h.session.confirmVolante();
    h.setCard(cardOut);
    issue.resolve(issueAnswer('individual'));
    expect((await confirming).step).toBe('goodbye');
    expect(h.printedDocs).toEqual([]);
    expect(h.audit.at(-1)).toEqual({
      kind: 'volante.printed',
      data: { csv: 'VABCDEFGHIJKLMNOPQRSTUVWX', printed: false },
    });
  });

  it('back from the preview forgets the grant: a new volante needs a new PIN', async () => {
    const h = harness();
    await toPreview(h);
    expect(h.session.back()).toEqual({ step: 'service', language: 'gl' });
    expect(h.wiped()).toBe(true);
    expect(await h.session.confirmVolante()).toEqual({ step: 'service', language: 'gl' });
    expect(h.central.issued).toEqual([]);
    h.session.chooseService('volante');
    h.session.chooseVolanteKind('individual');
    expect(h.identification.state()).toEqual({ state: 'pin_required' });
  });

  it("never logs the citizen's name, DNI or PIN", async () => {
    const h = harness();
    await toPreview(h);
    await h.session.confirmVolante();
    h.session.end('done');
    const log = h.lines.join('');
    for (const secret of [DNI, PIN, 'ESPAÑOLA', 'MARÍA', 'Calle Mayor']) expect(log).not.toContain(secret);
    expect(log).toContain('VABCDEFGHIJKLMNOPQRSTUVWX');
    for (const entry of h.audit) expect(JSON.stringify(entry)).not.toMatch(/99999999R|ESPAÑOLA|MARÍA/);
  });
});

describe('citizen session: out-of-order and replayed calls change nothing', () => {
  type Call = readonly [string, (s: CitizenSession) => unknown];
  const calls: Call[] = [
    ['start', (s) => s.start('es')],
    ['setLanguage', (s) => s.setLanguage('en')],
    ['chooseService recibo', (s) => s.chooseService('recibo')],
    ['chooseService volante', (s) => s.chooseService('volante')],
    ['chooseService pendientes', (s) => s.chooseService('recibos_pendientes')],
    ['chooseVolanteKind', (s) => s.chooseVolanteKind('colectivo')],
    ['confirmVolante', (s) => s.confirmVolante()],
    ['back', (s) => s.back()],
    ['end done', (s) => s.end('done')],
    ['end timeout', (s) => s.end('timeout')],
  ];

  it('calls in the wrong step answer the current state, unchanged, with a warn line', async () => {
    const h = harness();
    for (const name of ['setLanguage', 'chooseService volante', 'chooseVolanteKind', 'back', 'end done']) {
      const call = calls.find(([n]) => n === name)!;
      expect(call[1](h.session)).toEqual({ step: 'idle' });
    }
    expect(await h.session.confirmVolante()).toEqual({ step: 'idle' });
    h.session.start('es');
    expect(h.session.start('en')).toEqual({ step: 'service', language: 'es' });
    expect(h.session.chooseVolanteKind('individual')).toEqual({ step: 'service', language: 'es' });
    expect(h.lines.filter((l) => l.includes('session call out of order')).length).toBe(8);
    expect(h.states).toHaveLength(1);
  });

  it('any sequence of calls keeps the session in a contract state; refused calls emit nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: calls.length - 1 }), { maxLength: 25 }), async (sequence) => {
        const h = harness();
        h.setCard(dnieIn);
        for (const index of sequence) {
          const before = h.session.state();
          const emitted = h.states.length;
          const [, call] = calls[index]!;
          const answer = await call(h.session);
          await settle();
          expect(sessionStateSchema.safeParse(answer).success).toBe(true);
          if (answer === before) expect(h.states).toHaveLength(emitted);
          if (h.session.state().step === 'identification') await h.identification.submitPin(PIN);
          await settle();
        }
        // Each preview's grant is issued at most once, however the calls were repeated.
        expect(h.central.issued.length).toBeLessThanOrEqual(
          h.states.filter((s) => s.step === 'volante_preview').length,
        );
      }),
      { numRuns: 60 },
    );
  });
});
