import { describe, expect, it } from 'vitest';
import type { PendingRecibo, ReciboPaymentResult } from '../../../core/api/contract.ts';
import { payableTickets, payInTurn } from './pending-payments.ts';

const approved = (ticket: string): ReciboPaymentResult => ({
  outcome: 'approved',
  ticket,
  importeCents: 100,
  csv: 'AAAA-BBBB-CCCC-DDDD',
  justificantePrinted: true,
  verificationUrl: 'https://sede.example/verificar',
});
const declined = (ticket: string): ReciboPaymentResult => ({
  outcome: 'declined',
  ticket,
  reversed: false,
  terminalText: null,
});

function run(tickets: string[], answer: (ticket: string) => ReciboPaymentResult | Error, goOn = () => true) {
  const log: string[] = [];
  let inFlight = 0;
  return payInTurn(tickets, {
    pay: async (ticket) => {
      inFlight += 1;
      if (inFlight > 1) throw new Error('two payments at once');
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      const result = answer(ticket);
      if (result instanceof Error) throw result;
      return result;
    },
    starting: (ticket, position) => log.push(`start ${ticket} ${position}`),
    paid: (result) => log.push(`${result.outcome} ${result.ticket}`),
    goOn,
  }).then((result) => ({ ...result, log }));
}

describe('paying several pending recibos', () => {
  it('pays them one after another', async () => {
    const result = await run(['a', 'b', 'c'], approved);
    expect(result).toEqual({
      approved: 3,
      stopped: false,
      log: ['start a 1', 'approved a', 'start b 2', 'approved b', 'start c 3', 'approved c'],
    });
  });

  it('stops at the first one not approved and leaves the rest untouched', async () => {
    const result = await run(['a', 'b', 'c'], (t) => (t === 'b' ? declined(t) : approved(t)));
    expect(result.log).toEqual(['start a 1', 'approved a', 'start b 2', 'declined b']);
    expect(result).toMatchObject({ approved: 1, stopped: true });
    const last = await run(['a', 'b'], (t) => (t === 'b' ? declined(t) : approved(t)));
    expect(last).toMatchObject({ approved: 1, stopped: false });
  });

  it('takes a lost connection as an unknown outcome, never as "not charged"', async () => {
    const result = await run(['a', 'b'], () => new Error('unavailable'));
    expect(result.log).toEqual(['start a 1', 'unknown a']);
  });

  it('starts nothing more once the screen is gone', async () => {
    let calls = 0;
    const result = await run(['a', 'b'], approved, () => calls++ < 1);
    expect(result.log).toEqual(['start a 1', 'approved a']);
    expect(result.stopped).toBe(true);
  });

  it('offers only recibos not paid, not refused here, not paid now and not left unknown', () => {
    const view = (ticket: string, paid: boolean): PendingRecibo => ({
      recibo: {
        ticket,
        modalidad: 1,
        tributo: '100',
        ejercicio: 2026,
        emisora: '471860',
        referencia: '000000123455',
        identificacion: '1002601',
        importeCents: 100,
        fechaLimite: null,
      },
      concepto: null,
      paid,
    });
    const recibos = [
      view('a', false),
      view('b', true),
      view('c', false),
      view('d', false),
      view('e', false),
      { ...view('f', false), refusal: 'fuera_de_plazo' as const },
    ];
    const outcomes = new Map<string, ReciboPaymentResult>([
      ['c', approved('c')],
      ['d', { outcome: 'unknown', ticket: 'd', reviewByMunicipality: true }],
      ['e', declined('e')],
    ]);
    expect([...payableTickets(recibos, outcomes)]).toEqual(['a', 'e']);
  });
});
