import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReciboPaymentProgress } from '../api/contract.ts';
import { createAuditLog } from '../audit/index.ts';
import { reciboKey } from '../payments/recibo-key.ts';
import {
  EMISORA,
  RecordingPrinter,
  ScriptedTerminal,
  type TempLedger,
  reciboBarcode,
  tempLedger,
} from '../payments/test-support.ts';
import { buildReciboBarcode, parseReciboBarcode } from '../recibos/index.ts';
import { ReciboPaymentService, type ReciboPaymentServiceOptions } from './recibo-payment-service.ts';
import { todayIn } from './today.ts';

let t: TempLedger;
let terminal: ScriptedTerminal;
let printer: RecordingPrinter;
let progress: ReciboPaymentProgress[];
let syncs: number;
let exclusiveRuns: string[];

beforeEach(() => {
  t = tempLedger();
  terminal = new ScriptedTerminal();
  printer = new RecordingPrinter();
  progress = [];
  syncs = 0;
  exclusiveRuns = [];
});
afterEach(() => t.dispose());

function service(overrides: Partial<ReciboPaymentServiceOptions> = {}): ReciboPaymentService {
  let n = 0;
  let seed = 7;
  const s = new ReciboPaymentService({
    ledger: t.ledger,
    terminal,
    exclusive: (what, task) => {
      exclusiveRuns.push(what);
      return task();
    },
    printer,
    justificante: {
      municipality: { name: 'Ayuntamiento de Prueba' },
      kioskId: 'K-01',
      timeZone: 'Europe/Madrid',
      verificationUrl: 'https://sede.example.es/verificar',
    },
    emisoras: [EMISORA],
    offline: { maxAmountPerReciboCents: 10_000, maxPayments: 2, maxPaidListAgeHours: 24 },
    isCentralReachable: () => true,
    paidElsewhere: () => false,
    syncNow: () => {
      syncs += 1;
    },
    now: () => new Date('2026-03-02T10:00:00Z'),
    newId: () => `T${String(++n).padStart(4, '0')}`,
    randomBytes: (k) =>
      Uint8Array.from({ length: k }, () => {
        seed = (seed * 1103515245 + 12345) >>> 0;
        return seed & 0xff;
      }),
    onProgress: (p) => progress.push(p),
    ...overrides,
  });
  terminal.journal = (info) => s.journalStatusInformation(info);
  return s;
}

function checked(s: ReciboPaymentService, barcode: string): string {
  const answer = s.check({ barcode });
  if (!answer.ok) throw new Error(`refused: ${answer.reason}`);
  return answer.recibo.ticket;
}

describe('ReciboPaymentService.check', () => {
  it('shows a scanned recibo: emisora, referencia with its control digits, importe', () => {
    const answer = service().check({ barcode: reciboBarcode('0000000001', 4250) });
    expect(answer).toMatchObject({
      ok: true,
      recibo: { modalidad: 1, emisora: EMISORA, tributo: '100', importeCents: 4250, fechaLimite: null },
    });
    if (answer.ok) expect(answer.recibo.referencia).toMatch(/^0000000001\d{2}$/);
  });

  it('takes the same recibo typed field by field', () => {
    const barcode = reciboBarcode('0000000005', 1999);
    const r = parseReciboBarcode(barcode);
    const answer = service().check({
      emisora: r.emisora,
      referencia: `${r.referencia}${r.referenciaControl}`,
      identificacion: r.identificacion,
      importe: '19,99',
    });
    expect(answer).toMatchObject({ ok: true, recibo: { importeCents: 1999 } });
  });

  it('names the wrong field of a typed recibo', () => {
    const answer = service().check({
      emisora: '2807',
      referencia: '000000000100',
      identificacion: '1234567',
      importe: '10,00',
    });
    expect(answer).toEqual({ ok: false, reason: 'datos_no_validos', field: 'emisora' });
  });

  it('refuses a barcode that is not a recibo, an emisora not accepted, a recibo out of date', () => {
    const s = service();
    expect(s.check({ barcode: '1234' })).toMatchObject({ ok: false, reason: 'codigo_no_valido' });
    const other = buildReciboBarcode({
      modalidad: 1,
      emisora: '080193',
      referencia: '0000000001',
      tributo: '100',
      ejercicio: 2026,
      periodo: '01',
      importeCents: 100,
    });
    expect(s.check({ barcode: other })).toMatchObject({ ok: false, reason: 'emisora_no_admitida' });
    const expired = buildReciboBarcode({
      modalidad: 2,
      emisora: EMISORA,
      referencia: '0000000001',
      tributo: '100',
      ejercicio: 2026,
      fechaLimite: { year: 2026, month: 2, day: 27 },
      importeCents: 100,
    });
    expect(s.check({ barcode: expired })).toMatchObject({ ok: false, reason: 'fuera_de_plazo' });
  });

  it('refuses a recibo in the paid list from central before the card is touched', () => {
    const barcode = reciboBarcode('0000000003', 900);
    t.ledger.replacePaidList(new Date('2026-03-02T09:00:00Z'), new Date('2026-03-02T09:00:01Z'), [
      { reciboKey: reciboKey(parseReciboBarcode(barcode)) },
    ]);
    expect(service().check({ barcode })).toEqual({ ok: false, reason: 'ya_pagado', field: null });
    expect(terminal.calls).toEqual([]);
  });

  it('offline: refuses above the amount limit and says why', () => {
    t.ledger.replacePaidList(new Date('2026-03-02T08:00:00Z'), new Date('2026-03-02T08:00:00Z'), []);
    const s = service({ isCentralReachable: () => false });
    expect(s.check({ barcode: reciboBarcode('0000000004', 10_001) })).toMatchObject({
      ok: false,
      reason: 'sin_conexion_importe',
    });
    expect(s.check({ barcode: reciboBarcode('0000000004', 10_000) })).toMatchObject({ ok: true });
  });

  it('offline without a paid list: refuses, the list cannot say whether it is paid', () => {
    const s = service({ isCentralReachable: () => false });
    expect(s.check({ barcode: reciboBarcode('0000000004', 500) })).toMatchObject({
      ok: false,
      reason: 'sin_conexion_lista_pagados',
    });
  });
});

describe('ReciboPaymentService.pay', () => {
  it('approved: CSV, justificante printed, terminal texts as progress, sync asked', async () => {
    const s = service();
    const ticket = checked(s, reciboBarcode('0000000001', 1234));
    const result = await s.pay(ticket);
    expect(result).toMatchObject({
      outcome: 'approved',
      ticket,
      importeCents: 1234,
      justificantePrinted: true,
    });
    if (result.outcome === 'approved') {
      expect(result.csv).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      expect(t.ledger.all()[0]?.csv).toBe(result.csv.replaceAll('-', ''));
    }
    expect(progress).toEqual([{ ticket, prompt: 'present_card', text: 'Inserte la tarjeta' }]);
    expect(printer.docs).toHaveLength(1);
    expect(syncs).toBe(1);
    expect(exclusiveRuns).toEqual(['recibo payment']);
  });

  it('a double tap pays once and both taps get the same result', async () => {
    const s = service();
    const ticket = checked(s, reciboBarcode('0000000002', 700));
    const [a, b] = await Promise.all([s.pay(ticket), s.pay(ticket)]);
    const c = await s.pay(ticket);
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect(terminal.calls.filter((call) => call.startsWith('pay'))).toHaveLength(1);
    expect(t.ledger.all()).toHaveLength(1);
  });

  it('a second ticket for the same recibo after payment is refused as already paid', async () => {
    const s = service();
    const barcode = reciboBarcode('0000000002', 700);
    const first = checked(s, barcode);
    const second = checked(s, barcode);
    await s.pay(first);
    expect(await s.pay(second)).toEqual({ outcome: 'refused', ticket: second, reason: 'ya_pagado' });
    expect(s.check({ barcode })).toMatchObject({ ok: false, reason: 'ya_pagado' });
    expect(terminal.calls.filter((call) => call.startsWith('pay'))).toHaveLength(1);
  });

  it('refuses a ticket it never gave, and a second payment while one runs', async () => {
    const s = service();
    expect(await s.pay('NADA')).toEqual({
      outcome: 'refused',
      ticket: 'NADA',
      reason: 'recibo_no_consultado',
    });
    const a = checked(s, reciboBarcode('0000000006', 100));
    const b = checked(s, reciboBarcode('0000000007', 100));
    const running = s.pay(a);
    expect(await s.pay(b)).toEqual({ outcome: 'refused', ticket: b, reason: 'cajero_ocupado' });
    expect((await running).outcome).toBe('approved');
    expect((await s.pay(b)).outcome).toBe('approved');
  });

  it('offline count limit reached between check and pay: refused, the card untouched', async () => {
    t.ledger.replacePaidList(new Date('2026-03-02T08:00:00Z'), new Date('2026-03-02T08:00:00Z'), []);
    const s = service({ isCentralReachable: () => false });
    const tickets = ['0000000011', '0000000012', '0000000013'].map((r) => checked(s, reciboBarcode(r, 100)));
    expect((await s.pay(tickets[0] ?? '')).outcome).toBe('approved');
    expect((await s.pay(tickets[1] ?? '')).outcome).toBe('approved');
    terminal.calls.length = 0;
    expect(await s.pay(tickets[2] ?? '')).toMatchObject({
      outcome: 'refused',
      reason: 'sin_conexion_numero_pagos',
    });
    expect(terminal.calls).toEqual([]);
  });

  it('printer fails after the approval: the payment stands, the CSV is given, justificante not printed', async () => {
    printer.deliver = false;
    const s = service();
    const ticket = checked(s, reciboBarcode('0000000008', 5000));
    const result = await s.pay(ticket);
    expect(result).toMatchObject({
      outcome: 'approved',
      justificantePrinted: false,
      verificationUrl: 'https://sede.example.es/verificar',
    });
    expect(t.ledger.all()[0]?.state).toBe('justificante_failed');
    expect(t.ledger.outbox().map((e) => e.type)).toEqual(['payment.approved']);
  });

  it('declined: nothing charged, the terminal text passed on, and the recibo can be tried again', async () => {
    terminal.payOutcomes.push({
      kind: 'declined',
      refusal: { providerCode: 'zvt:05', message: 'Tarjeta denegada.' },
      receipt: [],
    });
    const s = service();
    const barcode = reciboBarcode('0000000009', 700);
    const ticket = checked(s, barcode);
    expect(await s.pay(ticket)).toEqual({
      outcome: 'declined',
      ticket,
      reversed: false,
      terminalText: 'Tarjeta denegada.',
    });
    expect(syncs).toBe(0);
    expect((await s.pay(checked(s, barcode))).outcome).toBe('approved');
  });

  it('outcome unknown: tells the citizen not to pay again', async () => {
    terminal.payOutcomes.push({ kind: 'unknown', reason: 'timeout', detail: 'no 04 0F' } as never);
    terminal.lastOutcomes.push({ kind: 'unknown', reason: 'timeout', detail: 'silent' } as never);
    const s = service();
    const ticket = checked(s, reciboBarcode('0000000010', 700));
    expect(await s.pay(ticket)).toEqual({ outcome: 'unknown', ticket, reviewByMunicipality: false });
    expect(s.check({ barcode: reciboBarcode('0000000010', 700) })).toMatchObject({
      ok: false,
      reason: 'pendiente_de_revision',
    });
  });
});

describe('onSettled (the audit chain)', () => {
  it('is told after each payment, so the chain holds its outcome; a failing hook does not fail the payment', async () => {
    const audit = createAuditLog(t.store, { kioskId: 'K-01' });
    const errors: string[] = [];
    const s = service({ onSettled: () => audit.recordPayments(), onError: (what) => errors.push(what) });
    await s.pay(checked(s, reciboBarcode('0000000031', 500)));
    expect(audit.list().map((e) => e.kind)).toEqual([
      'payment.created',
      'payment.sent_to_terminal',
      'payment.approved',
      'payment.justificante_printed',
    ]);
    const failing = service({
      onSettled: () => {
        throw new Error('chain unavailable');
      },
      onError: (what) => errors.push(what),
      // Other ids and CSV than the first service's seeded ones.
      newId: (() => {
        let n = 0;
        return () => `U${++n}`;
      })(),
      randomBytes: (k) => Uint8Array.from({ length: k }, (_, i) => i + 100),
    });
    expect(await failing.pay(checked(failing, reciboBarcode('0000000032', 600)))).toMatchObject({
      outcome: 'approved',
    });
    expect(errors).toEqual(['settled hook']);
    expect(audit.verify()).toMatchObject({ ok: true, entries: 4 });
    // Nothing lost: the next catch-up reads the missed outcome from the ledger.
    const caughtUp = audit.recordPayments();
    expect(caughtUp.map((e) => e.kind)).toContain('payment.approved');
    expect(new Set(caughtUp.map((e) => e.data.paymentId))).toEqual(new Set([t.ledger.all()[1]?.id]));
  });
});

describe('recovery', () => {
  it('start() resolves an approved payment left by a crash: the justificante is printed', async () => {
    const s = service();
    const barcode = reciboBarcode('0000000020', 300);
    const recibo = parseReciboBarcode(barcode);
    // A crash between the approval commit and the print.
    terminal.journal = async (info) => {
      await s.journalStatusInformation(info);
      throw new Error('crash');
    };
    await expect(s.pay(checked(s, barcode))).rejects.toThrow('crash');
    expect(t.ledger.all()[0]?.state).toBe('approved');
    expect(reciboKey(recibo)).toBe(t.ledger.all()[0]?.reciboKey);
    const after = service({ recoveryIntervalMs: 10_000 });
    after.start();
    await after.recover();
    await after.stop();
    expect(t.ledger.all()[0]?.state).toBe('justificante_printed');
    expect(exclusiveRuns).toContain('payment recovery');
  });
});

describe('todayIn', () => {
  it('is the municipality date, not UTC', () => {
    expect(todayIn(new Date('2026-03-01T23:30:00Z'), 'Europe/Madrid')).toEqual({
      year: 2026,
      month: 3,
      day: 2,
    });
    expect(todayIn(new Date('2026-03-01T23:30:00Z'), 'Atlantic/Canary')).toEqual({
      year: 2026,
      month: 3,
      day: 1,
    });
  });
});
