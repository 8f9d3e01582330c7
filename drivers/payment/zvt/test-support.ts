/** Helpers shared by this folder's tests only. */
import { expect } from 'vitest';
import { type ZvtApdu, decodeApdu, encodeApdu } from './apdu.ts';
import { ZvtDecodeError } from './errors.ts';
import type { LinkReceive, ZvtLink } from './session.ts';

/** `'06 01 07'` → bytes. */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
}

/** Runs `fn`; passes if it returns or throws a {@link ZvtDecodeError}, fails on anything else. */
export function onlyTypedErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ZvtDecodeError);
  }
}

export type Step = { readonly afterMs?: number; readonly result: LinkReceive };

/** In-memory link: plays the PT's answers in order, records what the ECR sends, advances a fake clock. */
export class ScriptedLink implements ZvtLink {
  readonly sent: string[] = [];
  clock = 0;
  failSends = false;
  readonly #steps: Step[];

  constructor(steps: Step[]) {
    this.#steps = [...steps];
  }

  async send(apdu: ZvtApdu): Promise<void> {
    if (this.failSends) throw new Error('port closed');
    this.sent.push(hexOf(encodeApdu(apdu)));
  }

  async receive(timeoutMs: number): Promise<LinkReceive> {
    const step = this.#steps[0];
    const after = step?.afterMs ?? 10;
    if (step === undefined || after > timeoutMs) {
      this.clock += timeoutMs;
      if (step !== undefined) this.#steps[0] = { ...step, afterMs: after - timeoutMs };
      return { kind: 'timeout' };
    }
    this.clock += after;
    this.#steps.shift();
    return step.result;
  }
}

export const hexOf = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');
export const pt = (hex: string, afterMs?: number): Step => ({
  result: { kind: 'apdu', apdu: decodeApdu(fromHex(hex)) },
  ...(afterMs === undefined ? {} : { afterMs }),
});

/** Hex of an APDU built from a control field and data given in hex (so tests need not count lengths). */
export function msg(control: number, dataHex: string): string {
  return hexOf(encodeApdu({ control, data: fromHex(dataHex) }));
}
