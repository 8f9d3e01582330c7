import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempLedger, type TempLedger } from '../payments/test-support.ts';
import { WIRE_PATTERNS } from './contract.ts';
import { mapOutboxEvent, type OutboxEvent } from './event-mapping.ts';
import { SyncStore } from './sync-store.ts';
import { paymentThrough } from './test-support.ts';

const AT = new Date('2026-11-23T10:00:00.000Z');
const RECIBO = {
  emisora: '471860',
  referencia: '2500001234',
  referenciaControl: '46',
  identificacion: '1100255334',
  amountCents: 12_345,
};

describe('mapOutboxEvent on real ledger events', () => {
  let t: TempLedger;
  let sync: SyncStore;
  beforeEach(() => {
    t = tempLedger();
    sync = new SyncStore(t.store, t.ledger);
  });
  afterEach(() => t.dispose());

  it('turns payment.approved into recibo.pagado with the fields central requires and no card data', () => {
    paymentThrough(t.ledger, 'P1', RECIBO, AT, { csv: 'ABCD1234EFGH5678', receiptNo: 42 });
    const [row] = sync.unsent(0, 10);
    const mapped = mapOutboxEvent(row!);
    expect(mapped).toEqual({
      kind: 'send',
      event: {
        key: 'P1.approved',
        sequence: 1,
        type: 'recibo.pagado',
        occurredAt: AT.toISOString(),
        payload: {
          emisora: '471860',
          referencia: '2500001234',
          referenciaControl: '46',
          identificacion: '1100255334',
          importeCents: 12_345,
          paidAt: AT.toISOString(),
          justificanteCsv: 'ABCD1234EFGH5678',
          authorisationCode: 'A1B2C3',
          terminalId: '52500001',
          receiptNumber: 42,
        },
      },
    });
    expect(JSON.stringify(mapped)).not.toMatch(/0119|Visa/u);
  });

  it('passes payment.reversed and needs_attention as generic events without the masked PAN', () => {
    paymentThrough(t.ledger, 'P2', RECIBO, AT, { path: ['sent_to_terminal', 'approved', 'reversed'] });
    const rows = sync.unsent(0, 10);
    expect(rows.map((r) => [r.eventId, r.sequence])).toEqual([
      ['P2.approved', 1],
      ['P2.reversed', 2],
    ]);
    const mapped = mapOutboxEvent(rows[1]!);
    expect(mapped.kind).toBe('send');
    if (mapped.kind !== 'send') return;
    expect(mapped.event.type).toBe('payment.reversed');
    expect(mapped.event.payload).toMatchObject({ paymentId: 'P2', state: 'reversed' });
    expect(JSON.stringify(mapped.event.payload)).not.toContain('****');
  });
});

describe('mapOutboxEvent holds back what central would refuse', () => {
  const good: OutboxEvent = {
    eventId: 'P9.approved',
    sequence: 3,
    type: 'payment.approved',
    createdAt: AT.toISOString(),
    payload: {
      recibo: {
        emisora: '471860',
        referencia: '2500001234',
        referenciaControl: '46',
        identificacion: '1100255',
      },
      amountCents: 100,
      csv: 'ABCD1234EFGH5678',
      terminal: { authorisationCode: 'A1 B2', terminalId: null, receiptNo: -1 },
      updatedAt: AT.toISOString(),
    },
  };

  it('drops optional terminal facts that do not fit instead of failing the batch', () => {
    const mapped = mapOutboxEvent(good);
    expect(mapped.kind).toBe('send');
    if (mapped.kind === 'send') {
      expect(mapped.event.payload).not.toHaveProperty('authorisationCode');
      expect(mapped.event.payload).not.toHaveProperty('terminalId');
      expect(mapped.event.payload).not.toHaveProperty('receiptNumber');
    }
  });

  it.each([
    [
      'a five-digit emisora',
      { ...good, payload: { ...(good.payload as object), recibo: { emisora: '47186' } } },
      /emisora/u,
    ],
    ['no csv', { ...good, payload: { ...(good.payload as object), csv: undefined } }, /csv/u],
    [
      'a negative amount',
      { ...good, payload: { ...(good.payload as object), amountCents: -5 } },
      /amountCents/u,
    ],
    ['a payload that is not an object', { ...good, payload: 'x' }, /not an object/u],
    ['an unknown type central cannot name', { ...good, type: 'Payment Approved!' }, /type/u],
    ['a forged recibo.pagado', { ...good, type: 'recibo.pagado' }, /only made from/u],
    ['a key with spaces', { ...good, eventId: 'P9 approved' }, /idempotency key/u],
    ['no sequence', { ...good, sequence: 0 }, /sequence/u],
  ])('%s', (_what, row, reason) => {
    const mapped = mapOutboxEvent(row as OutboxEvent);
    expect(mapped.kind).toBe('hold');
    if (mapped.kind === 'hold') expect(mapped.reason).toMatch(reason);
  });

  it('never throws, and whatever it sends fits central’s patterns', () => {
    const text = fc.oneof(fc.string(), fc.stringMatching(/^[0-9]{2,10}$/u));
    fc.assert(
      fc.property(
        fc.record({
          eventId: fc.oneof(fc.string(), fc.constant('P1.approved')),
          sequence: fc.oneof(fc.integer(), fc.double()),
          type: fc.oneof(fc.constant('payment.approved'), fc.constant('payment.reversed'), fc.string()),
          createdAt: fc.oneof(fc.constant(AT.toISOString()), fc.string()),
          payload: fc.oneof(
            fc.anything(),
            fc.record({
              recibo: fc.record({
                emisora: text,
                referencia: text,
                referenciaControl: text,
                identificacion: text,
              }),
              amountCents: fc.oneof(fc.integer(), fc.double()),
              csv: fc.oneof(fc.string(), fc.constant('ABCD1234EFGH5678')),
              terminal: fc.anything(),
              updatedAt: fc.string(),
            }),
          ),
        }),
        (row) => {
          const mapped = mapOutboxEvent(row);
          if (mapped.kind === 'hold') return;
          const { event } = mapped;
          expect(WIRE_PATTERNS.key.test(event.key)).toBe(true);
          expect(Number.isSafeInteger(event.sequence) && event.sequence >= 1).toBe(true);
          expect(WIRE_PATTERNS.eventType.test(event.type)).toBe(true);
          expect(WIRE_PATTERNS.instant.test(event.occurredAt)).toBe(true);
          if (event.type === 'recibo.pagado') {
            const p = event.payload;
            expect(WIRE_PATTERNS.emisora.test(String(p.emisora))).toBe(true);
            expect(WIRE_PATTERNS.identificacion.test(String(p.identificacion))).toBe(true);
            expect(WIRE_PATTERNS.csv.test(String(p.justificanteCsv))).toBe(true);
            expect(WIRE_PATTERNS.instant.test(String(p.paidAt))).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
