/**
 * Maps errors thrown or passed by the `pcsclite` binding to PcscError. The binding only gives text of the
 * form "SCardTransmit error: Card was removed.(0x80100069)" or "Service not available."; the SCARD code
 * in parentheses is what we branch on (values from pcsc-lite pcsclite.h, listed in dnie.md §2).
 * E_NOT_TRANSACTED stays a plain failure: with vpcd it is what a card pulled mid-command gives, and the
 * connection waits for pcscd's removal report before deciding (connection.ts).
 */
import { PcscError, type PcscFailure } from './errors.ts';

export const SCARD = {
  E_CANCELLED: 0x80100002,
  E_NO_SMARTCARD: 0x8010000c,
  E_TIMEOUT: 0x8010000a,
  E_SHARING_VIOLATION: 0x8010000b,
  E_UNKNOWN_READER: 0x80100009,
  E_READER_UNAVAILABLE: 0x80100017,
  E_NO_SERVICE: 0x8010001d,
  E_SERVICE_STOPPED: 0x8010001e,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  E_INVALID_HANDLE: 0x80100003,
  E_NOT_TRANSACTED: 0x80100016,
  F_COMM_ERROR: 0x80100013,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
} as const;

const BY_CODE: ReadonlyMap<number, PcscFailure> = new Map<number, PcscFailure>([
  [SCARD.W_REMOVED_CARD, 'card_removed'],
  [SCARD.E_NO_SMARTCARD, 'card_removed'],
  [SCARD.W_UNPOWERED_CARD, 'card_removed'],
  [SCARD.W_RESET_CARD, 'card_reset'],
  [SCARD.W_UNRESPONSIVE_CARD, 'card_unresponsive'],
  [SCARD.E_NO_SERVICE, 'no_service'],
  [SCARD.E_SERVICE_STOPPED, 'no_service'],
  [SCARD.E_INVALID_HANDLE, 'no_service'],
  [SCARD.E_NO_READERS_AVAILABLE, 'no_reader'],
  [SCARD.E_UNKNOWN_READER, 'no_reader'],
  [SCARD.E_READER_UNAVAILABLE, 'no_reader'],
  [SCARD.E_SHARING_VIOLATION, 'sharing_violation'],
  [SCARD.E_TIMEOUT, 'timeout'],
  // "RPC transport error": the socket to pcscd broke, i.e. pcscd stopped.
  [SCARD.F_COMM_ERROR, 'no_service'],
]);

/** Extracts the 0x8010xxxx code from a binding message, if any. */
export function scardCodeOf(message: string): number | undefined {
  const match = /\(0x([0-9a-fA-F]{8})\)/.exec(message);
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 16);
}

/** Never throws; anything that is not a known PC/SC failure becomes `pcsc.failure`. */
export function toPcscError(error: unknown, operation: string): PcscError {
  if (error instanceof PcscError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = scardCodeOf(message);
  const detail = `${operation}: ${message}`;
  if (code !== undefined) {
    return new PcscError(BY_CODE.get(code) ?? 'failure', detail, code, { cause: error });
  }
  // The constructor of the binding's context throws this text without a code when pcscd is not running.
  if (/service not available|no service|not running/i.test(message)) {
    return new PcscError('no_service', detail, SCARD.E_NO_SERVICE, { cause: error });
  }
  return new PcscError('failure', detail, undefined, { cause: error });
}
