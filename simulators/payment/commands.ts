/**
 * ECR → PT commands the simulated terminal understands (zvt.md §3), decoded from APDUs into typed values.
 * Also the ECR's answers to PT messages (80 00 positive, 84 xx negative).
 */
import { type Apdu, apduName } from './apdu.ts';
import { decodeBcd, decodeBcdNumber, hex } from './bcd.ts';
import { type Bmp, decodeBmps, findBmp } from './bmp.ts';
import { codecError, ZvtCodecError } from './errors.ts';

export type EcrCommand =
  | {
      readonly kind: 'registration';
      readonly password: string;
      readonly config: number;
      readonly currency: string | undefined;
      readonly serviceByte: number | undefined;
    }
  | {
      readonly kind: 'authorization';
      readonly amountCents: number;
      readonly currency: string | undefined;
      readonly paymentType: number | undefined;
      readonly cardType: number | undefined;
      readonly timeoutSeconds: number | undefined;
    }
  | { readonly kind: 'log-off' }
  | {
      readonly kind: 'reversal';
      readonly password: string;
      readonly receiptNo: number;
      readonly amountCents: number | undefined;
    }
  | { readonly kind: 'refund'; readonly password: string; readonly amountCents: number | undefined }
  | { readonly kind: 'end-of-day'; readonly password: string }
  | { readonly kind: 'diagnosis' }
  | { readonly kind: 'status-enquiry' }
  | { readonly kind: 'abort' }
  | { readonly kind: 'repeat-receipt'; readonly password: string };

export type EcrCommandKind = EcrCommand['kind'];

/** The ECR's answer to a PT message: `80 00` (84 00 also counts as positive, zvt.md §3) or `84 xx`. */
export type EcrAnswer = { readonly kind: 'positive' } | { readonly kind: 'negative'; readonly code: number };

export function isAnswer(apdu: Apdu): boolean {
  return apdu.cls === 0x80 || apdu.cls === 0x84;
}

export function decodeEcrAnswer(apdu: Apdu): EcrAnswer {
  if (apdu.cls === 0x80 || (apdu.cls === 0x84 && apdu.ins === 0x00)) return { kind: 'positive' };
  if (apdu.cls === 0x84) return { kind: 'negative', code: apdu.ins };
  throw codecError('zvtsim.command_malformed', `${apduName(apdu)} is not an answer`);
}

function malformed(apdu: Apdu, why: string): ZvtCodecError {
  return codecError('zvtsim.command_malformed', `${apduName(apdu)}: ${why}`);
}

function password(apdu: Apdu): string {
  if (apdu.data.length < 3) throw malformed(apdu, 'password (3 bytes BCD) missing');
  return decodeBcd(apdu.data.subarray(0, 3));
}

function bmpsAfter(apdu: Apdu, offset: number): Bmp[] {
  try {
    return decodeBmps(apdu.data.subarray(offset));
  } catch (error) {
    if (error instanceof ZvtCodecError) throw malformed(apdu, error.detail);
    throw error;
  }
}

function optionalAmount(bmps: readonly Bmp[]): number | undefined {
  const value = findBmp(bmps, 0x04);
  return value === undefined ? undefined : decodeBcdNumber(value);
}

function optionalByte(bmps: readonly Bmp[], tag: number): number | undefined {
  return findBmp(bmps, tag)?.[0];
}

function optionalCurrency(bmps: readonly Bmp[]): string | undefined {
  const value = findBmp(bmps, 0x49);
  return value === undefined ? undefined : decodeBcd(value);
}

/** Decodes an ECR command; unknown control fields raise `zvtsim.command_unknown` (PT answers 84 83). */
export function decodeEcrCommand(apdu: Apdu): EcrCommand {
  try {
    return decodeKnown(apdu);
  } catch (error) {
    if (error instanceof ZvtCodecError && error.code !== 'zvtsim.command_unknown') {
      throw error.code === 'zvtsim.command_malformed' ? error : malformed(apdu, error.detail);
    }
    throw error;
  }
}

function decodeKnown(apdu: Apdu): EcrCommand {
  const control = (apdu.cls << 8) | apdu.ins;
  switch (control) {
    case 0x0600: {
      // <pwd 3B BCD> <config-byte> [<CC 2B BCD> [03 <service-byte>] [06 <TLV>]]: CC is untagged and
      // must precede any BMP, so whatever follows the config byte starts with it.
      if (apdu.data.length < 4) throw malformed(apdu, 'password and config byte required');
      const pwd = password(apdu);
      const config = apdu.data[3]!;
      if (apdu.data.length === 4) {
        return { kind: 'registration', password: pwd, config, currency: undefined, serviceByte: undefined };
      }
      if (apdu.data.length < 6) throw malformed(apdu, 'currency code truncated');
      const currency = decodeBcd(apdu.data.subarray(4, 6));
      const bmps = bmpsAfter(apdu, 6);
      return { kind: 'registration', password: pwd, config, currency, serviceByte: optionalByte(bmps, 0x03) };
    }
    case 0x0601: {
      const bmps = bmpsAfter(apdu, 0);
      const amountCents = optionalAmount(bmps);
      if (amountCents === undefined) throw malformed(apdu, 'BMP 04 amount missing');
      return {
        kind: 'authorization',
        amountCents,
        currency: optionalCurrency(bmps),
        paymentType: optionalByte(bmps, 0x19),
        cardType: optionalByte(bmps, 0x8a),
        timeoutSeconds: optionalByte(bmps, 0x01),
      };
    }
    case 0x0602:
      return { kind: 'log-off' };
    case 0x0630: {
      const pwd = password(apdu);
      const bmps = bmpsAfter(apdu, 3);
      const receipt = findBmp(bmps, 0x87);
      if (receipt === undefined) throw malformed(apdu, 'BMP 87 receipt number missing');
      return {
        kind: 'reversal',
        password: pwd,
        receiptNo: decodeBcdNumber(receipt),
        amountCents: optionalAmount(bmps),
      };
    }
    case 0x0631: {
      const pwd = password(apdu);
      return { kind: 'refund', password: pwd, amountCents: optionalAmount(bmpsAfter(apdu, 3)) };
    }
    case 0x0650:
      return { kind: 'end-of-day', password: password(apdu) };
    case 0x0670:
      return { kind: 'diagnosis' };
    case 0x0501:
      // Optional password, service byte and TLV: nothing the simulator acts on.
      return { kind: 'status-enquiry' };
    case 0x06b0:
      return { kind: 'abort' };
    case 0x0620:
      return { kind: 'repeat-receipt', password: password(apdu) };
    default:
      throw codecError('zvtsim.command_unknown', `command ${hex(apdu.cls)} ${hex(apdu.ins)} not supported`);
  }
}
