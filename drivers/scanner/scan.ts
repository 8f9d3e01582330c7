import type { ScannerDecodeError } from './errors.ts';

/** A scan as the decoders deliver it: the text as read, and the AIM identifier when the scanner gave one. */
export interface Scan {
  readonly text: string;
  /** `]C1`, `]E0`… (ISO/IEC 15424, see symbology.ts); absent when the scanner did not say. */
  readonly symbology?: string;
}

/**
 * What a streaming decoder yields for its input. Errors are values, not throws, so that a bad report
 * in the middle of a chunk does not lose what follows it, and so that where the input was split
 * never changes the sequence of events.
 */
export type DecodeEvent =
  | { readonly kind: 'scan'; readonly scan: Scan }
  | { readonly kind: 'error'; readonly error: ScannerDecodeError };

/** Builds a Scan, leaving `symbology` out rather than undefined, so equal scans compare equal. */
export function scanOf(text: string, symbology: string | undefined): Scan {
  return symbology === undefined ? { text } : { text, symbology };
}

export function scanEvent(text: string, symbology: string | undefined): DecodeEvent {
  return { kind: 'scan', scan: scanOf(text, symbology) };
}
