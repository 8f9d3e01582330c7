import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { isSensitiveKey, REDACTED, redact } from './redact.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger({ destination: stream, level: 'trace', component: 'test' }) };
}

const PIN = '482915';
const DNI = '12345678Z';
const NAME = 'María Josefa Fernández Ñúñez';

describe('logger', () => {
  it('writes no PIN, DNI number or name that a caller passes, at any depth', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        pin: PIN,
        citizen: {
          dni: DNI,
          nombre: NAME,
          apellidos: 'Fernández Ñúñez',
          household: [{ name: NAME, nif: DNI }],
        },
        card_number: '4111111111111111',
        kioskId: 'DEMO-001',
      },
      'citizen identified',
    );
    logger.warn({ err: Object.assign(new Error('boom'), { pin: PIN, documentNumber: DNI }) }, 'failure');
    expect(lines).toHaveLength(2);
    const all = lines.join('\n');
    for (const secret of [PIN, DNI, NAME, 'Fernández', '4111111111111111']) expect(all).not.toContain(secret);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({
      level: 'info',
      component: 'test',
      kioskId: 'DEMO-001',
      msg: 'citizen identified',
    });
    expect(first.pin).toBe(REDACTED);
    expect(first.citizen.household[0].name).toBe(REDACTED);
    expect(JSON.parse(lines[1]!).err).toMatchObject({ message: 'boom', type: 'Error', pin: REDACTED });
  });

  it('does not interpolate extra arguments into the message', () => {
    const { lines, logger } = capture();
    (logger.info as (...args: unknown[]) => void)({ step: 1 }, 'pin %s', PIN);
    expect(lines.join('\n')).not.toContain(PIN);
  });
});

describe('redact', () => {
  it('recognises field names regardless of case, dashes and underscores', () => {
    for (const key of ['PIN', 'Pin', 'new_pin', 'DNI', 'first-name', 'Apellido_1', 'maskedPan']) {
      expect(isSensitiveKey(key)).toBe(true);
    }
    for (const key of ['kioskId', 'state', 'readerName', 'amountCents', 'code'])
      expect(isSensitiveKey(key)).toBe(false);
  });

  it('survives cycles and byte buffers', () => {
    const a: Record<string, unknown> = { state: 'ok', bytes: new Uint8Array(4) };
    a.self = a;
    expect(redact(a)).toEqual({ state: 'ok', bytes: '[4 bytes]', self: '[ciclo]' });
  });

  it('never lets a sensitive field through, whatever the shape (property)', () => {
    const secret = fc.constantFrom('pin', 'dni', 'nombre', 'apellidos', 'password', 'pan');
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.oneof(secret, fc.string({ maxLength: 6 })), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (value) => {
        const out = JSON.stringify(redact({ value, pin: '0000-secreto' }));
        expect(out).not.toContain('0000-secreto');
        walk(JSON.parse(out), (key, child) => {
          if (isSensitiveKey(key)) expect(child).toBe(REDACTED);
        });
      }),
    );
  });
});

function walk(value: unknown, visit: (key: string, child: unknown) => void): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    visit(key, child);
    walk(child, visit);
  }
}
