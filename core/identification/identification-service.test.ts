import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KIOSK_API_VERSION, type IdentificationState } from '../api/contract.ts';
import { createDispatcher, type KioskApiHandlers } from '../api/dispatcher.ts';
import { createLogger } from '../log/logger.ts';
import {
  CHALLENGE_LENGTH,
  greetingName,
  IdentificationService,
  type IdentifyCard,
  type IdentifyOutcome,
} from './identification-service.ts';

const PIN = 'SECRETO42';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ destination, level: 'debug', component: 'test' }) };
}

interface Harness {
  service: IdentificationService;
  states: IdentificationState[];
  lines: string[];
  seen: { pin: Uint8Array; pinText: string; challenge: Uint8Array }[];
}

function harness(answer: (pin: string) => Promise<IdentifyOutcome> | IdentifyOutcome): Harness {
  const { lines, logger } = capture();
  const seen: Harness['seen'] = [];
  const identify: IdentifyCard = async (pin, challenge) => {
    const pinText = new TextDecoder().decode(pin);
    seen.push({ pin, pinText, challenge });
    return answer(pinText);
  };
  let counter = 0;
  const service = new IdentificationService({
    identify,
    random: (length) => new Uint8Array(length).fill(++counter),
    logger,
  });
  const states: IdentificationState[] = [];
  service.onChange((state) => states.push(state));
  return { service, states, lines, seen };
}

const identified: IdentifyOutcome = {
  status: 'identified',
  identity: { givenName: 'MARÍA JOSÉ', surnames: 'GARCÍA LÓPEZ', dniNumber: '99999999R' },
};
const dnieIn = { present: true, cardType: 'dnie' } as const;
const cardOut = { present: false, cardType: null } as const;

describe('identification session', () => {
  it('asks for the PIN when a DNIe goes in, and only then', () => {
    const { service, states } = harness(() => identified);
    expect(service.state()).toEqual({ state: 'idle' });
    service.cardChanged({ present: true, cardType: 'other' });
    expect(service.state()).toEqual({ state: 'idle' });
    service.cardChanged(dnieIn);
    expect(states.at(-1)).toEqual({ state: 'pin_required' });
  });

  it('identifies with the right PIN: greeting name only, identity kept for the session', async () => {
    const { service, states, seen } = harness(() => identified);
    service.cardChanged(dnieIn);
    const result = await service.submitPin(PIN);
    expect(result).toEqual({ state: 'identified', givenName: 'María José' });
    expect(states.map((s) => s.state)).toEqual(['pin_required', 'verifying', 'identified']);
    expect(JSON.stringify(states)).not.toContain('99999999R');
    expect(service.identity()).toEqual(identified.status === 'identified' ? identified.identity : undefined);
    expect(seen[0]!.pinText).toBe(PIN);
    expect(seen[0]!.challenge).toHaveLength(CHALLENGE_LENGTH);
  });

  it('zeroes the PIN bytes once the card call returns, also when it throws', async () => {
    const ok = harness(() => identified);
    ok.service.cardChanged(dnieIn);
    await ok.service.submitPin(PIN);
    expect([...ok.seen[0]!.pin].every((b) => b === 0)).toBe(true);
    const failing = harness(() => Promise.reject(new Error(`card exploded with ${PIN}`)));
    failing.service.cardChanged(dnieIn);
    expect(await failing.service.submitPin(PIN)).toEqual({ state: 'card_error', reason: 'error_interno' });
    expect([...failing.seen[0]!.pin].every((b) => b === 0)).toBe(true);
  });

  it('reports a wrong PIN with the tries left and lets the citizen try again', async () => {
    const { service } = harness((pin) => (pin === PIN ? identified : { status: 'pin_wrong', triesLeft: 2 }));
    service.cardChanged(dnieIn);
    expect(await service.submitPin('12345678')).toEqual({ state: 'pin_wrong', triesLeft: 2 });
    expect(service.identity()).toBeUndefined();
    expect(await service.submitPin(PIN)).toMatchObject({ state: 'identified' });
  });

  it('reports a blocked PIN and accepts no more PINs', async () => {
    const { service, seen } = harness(() => ({ status: 'pin_blocked' }));
    service.cardChanged(dnieIn);
    expect(await service.submitPin(PIN)).toEqual({ state: 'pin_blocked' });
    expect(await service.submitPin(PIN)).toEqual({ state: 'pin_blocked' });
    expect(seen).toHaveLength(1);
  });

  it('passes card errors through with their Spanish reason code', async () => {
    const { service } = harness(() => ({
      status: 'card_error',
      reason: 'certificado_caducado',
      detail: 'path: expired',
    }));
    service.cardChanged(dnieIn);
    expect(await service.submitPin(PIN)).toEqual({ state: 'card_error', reason: 'certificado_caducado' });
  });

  it('ignores a PIN when none is asked for (no card, or a check already running)', async () => {
    let release: (outcome: IdentifyOutcome) => void = () => undefined;
    const { service, seen } = harness(() => new Promise((resolve) => (release = resolve)));
    expect(await service.submitPin(PIN)).toEqual({ state: 'idle' });
    service.cardChanged(dnieIn);
    const first = service.submitPin(PIN);
    expect(await service.submitPin(PIN)).toEqual({ state: 'verifying' });
    release(identified);
    await first;
    expect(seen).toHaveLength(1);
  });

  it('wipes the session when the card comes out: identity forgotten, screen told', async () => {
    const { service, states } = harness(() => identified);
    service.cardChanged(dnieIn);
    await service.submitPin(PIN);
    service.cardChanged(cardOut);
    expect(service.identity()).toBeUndefined();
    expect(service.state()).toEqual({ state: 'idle' });
    expect(states.at(-1)).toEqual({ state: 'idle' });
  });

  it('drops the answer of a card pulled during the check', async () => {
    let release: (outcome: IdentifyOutcome) => void = () => undefined;
    const { service, states } = harness(() => new Promise((resolve) => (release = resolve)));
    service.cardChanged(dnieIn);
    const pending = service.submitPin(PIN);
    service.cardChanged(cardOut);
    release(identified);
    expect(await pending).toEqual({ state: 'idle' });
    expect(service.identity()).toBeUndefined();
    expect(states.map((s) => s.state)).toEqual(['pin_required', 'verifying', 'idle']);
  });

  it('cancels: identity forgotten, a late answer dropped, the card still to be taken out', async () => {
    let release: (outcome: IdentifyOutcome) => void = () => undefined;
    const { service } = harness(() => new Promise((resolve) => (release = resolve)));
    expect(service.cancel()).toEqual({ state: 'idle' });
    service.cardChanged(dnieIn);
    const pending = service.submitPin(PIN);
    expect(service.cancel()).toEqual({ state: 'cancelled' });
    release(identified);
    expect(await pending).toEqual({ state: 'cancelled' });
    expect(service.identity()).toBeUndefined();
    service.cardChanged(cardOut);
    expect(service.state()).toEqual({ state: 'idle' });
  });

  it('never writes the PIN to the log, whatever happens', async () => {
    const { service, lines } = harness((pin) =>
      pin === PIN ? Promise.reject(Object.assign(new Error(`bad ${pin}`), { code: 'x.fail' })) : identified,
    );
    service.cardChanged(dnieIn);
    await service.submitPin(PIN);
    service.cardChanged(cardOut);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('')).not.toContain(PIN);
  });
});

describe('identification over the KioskApi dispatcher', () => {
  function api(answer: IdentifyOutcome) {
    const { lines, logger } = capture();
    const service = new IdentificationService({
      identify: async () => answer,
      random: (length) => new Uint8Array(length),
      logger,
    });
    const handlers = {
      'identification.get': () => service.state(),
      'identification.submitPin': ({ pin }: { pin: string }) => service.submitPin(pin),
      'identification.cancel': () => service.cancel(),
    } as unknown as KioskApiHandlers;
    const dispatch = createDispatcher(handlers, logger);
    const call = (method: string, params: unknown) =>
      dispatch(JSON.stringify({ v: KIOSK_API_VERSION, type: 'call', id: 7, method, params }));
    return { service, dispatch: call, lines };
  }

  it('runs submitPin and answers with the new state', async () => {
    const { service, dispatch } = api(identified);
    service.cardChanged(dnieIn);
    expect(await dispatch('identification.submitPin', { pin: PIN })).toMatchObject({
      type: 'result',
      result: { state: 'identified', givenName: 'María José' },
    });
  });

  it('rejects a PIN outside 4–16 printable characters without echoing it in the error or the log', async () => {
    const { dispatch, lines } = api(identified);
    for (const pin of ['123', 'ABCDEFGHIJKLMNOPQ', 'ABC DEFGH', 'PIÑA1234', 12345678]) {
      const reply = await dispatch('identification.submitPin', { pin });
      expect(reply).toMatchObject({ type: 'error', error: { code: 'invalid_params', fields: ['pin'] } });
      expect(JSON.stringify(reply)).not.toContain(String(pin));
    }
    expect(lines.join('')).not.toMatch(/ABCDEFGHIJKLMNOPQ|PIÑA1234|12345678|ABC DEFGH/);
  });

  it('never answers with or logs the PIN, for any PIN the contract accepts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Z]{2}[0-9][A-Za-z0-9]{5,13}$/), async (pin) => {
        const { service, dispatch, lines } = api({ status: 'pin_wrong', triesLeft: 1 });
        service.cardChanged(dnieIn);
        const reply = await dispatch('identification.submitPin', { pin });
        expect(reply).toMatchObject({ type: 'result', result: { state: 'pin_wrong', triesLeft: 1 } });
        expect(JSON.stringify(reply)).not.toContain(pin);
        expect(lines.join('')).not.toContain(pin);
      }),
      { numRuns: 50 },
    );
  });
});

describe('greetingName', () => {
  it('turns the certificate capitals into a greeting', () => {
    expect(greetingName('MARÍA JOSÉ')).toBe('María José');
    expect(greetingName("JEAN-PIERRE O'NEILL")).toBe("Jean-Pierre O'Neill");
    expect(greetingName(undefined)).toBe('');
  });
});

describe("identification for a session service (central's challenge)", () => {
  const credential = { certificateDer: new Uint8Array([0x30, 1]), signature: new Uint8Array([9, 9]) };
  const signedOk: IdentifyOutcome = { ...identified, credential } as IdentifyOutcome;

  it('signs the challenge the source gives, asked when the PIN is submitted, and keeps the signature', async () => {
    const { service, seen } = harness(() => signedOk);
    const central = new Uint8Array(32).fill(0xab);
    let asked = 0;
    service.setChallengeSource(async () => {
      asked += 1;
      return central;
    });
    service.cardChanged(dnieIn);
    expect(asked).toBe(0);
    await service.submitPin(PIN);
    expect(asked).toBe(1);
    expect(seen[0]!.challenge).toEqual(central);
    expect(service.credential()).toEqual({ ...credential, challenge: central });
    service.cardChanged(cardOut);
    expect(service.credential()).toBeUndefined();
  });

  it('keeps no signature without a session service (a greeting)', async () => {
    const { service } = harness(() => signedOk);
    service.cardChanged(dnieIn);
    await service.submitPin(PIN);
    expect(service.identity()).toBeDefined();
    expect(service.credential()).toBeUndefined();
  });

  it('without a challenge the card is not touched, the PIN is asked again, and never logged', async () => {
    const { service, seen, lines } = harness(() => signedOk);
    service.setChallengeSource(() => Promise.reject(Object.assign(new Error(PIN), { code: 'x.down' })));
    service.cardChanged(dnieIn);
    expect(await service.submitPin(PIN)).toEqual({ state: 'pin_required' });
    expect(seen).toHaveLength(0);
    expect(lines.join('')).not.toContain(PIN);
  });

  it('drops the attempt when the session ends while the challenge is on its way', async () => {
    let give: (bytes: Uint8Array) => void = () => undefined;
    const { service, seen } = harness(() => signedOk);
    service.setChallengeSource(() => new Promise((resolve) => (give = resolve)));
    service.cardChanged(dnieIn);
    const pending = service.submitPin(PIN);
    service.cancel();
    give(new Uint8Array(32));
    expect(await pending).toEqual({ state: 'cancelled' });
    expect(seen).toHaveLength(0);
  });

  it('prepare() forgets a greeting and asks the PIN again when a DNIe is in; idle without one', async () => {
    const { service } = harness(() => signedOk);
    expect(service.prepare()).toEqual({ state: 'idle' });
    service.cardChanged(dnieIn);
    await service.submitPin(PIN);
    expect(service.prepare()).toEqual({ state: 'pin_required' });
    expect(service.identity()).toBeUndefined();
    service.cancel();
    expect(service.prepare()).toEqual({ state: 'pin_required' });
  });
});
