/**
 * What a serial scanner writes for one scan: [prefix][AIM identifier][data][suffix] and an end of line
 * (CR by default, LF or CRLF when configured). The simulator's own encoder: simulators do not import
 * drivers/, and an independent encoder is what makes the wire tests test the driver's decoder.
 */
import { ScannerSimError } from './errors.ts';

export type LineTerminator = 'cr' | 'lf' | 'crlf';

export interface LineFormat {
  readonly terminator?: LineTerminator;
  /** The scanner's configured prefix (e.g. STX), written before everything else. */
  readonly prefix?: string;
  /** The scanner's configured suffix (e.g. ETX), written before the end of line. */
  readonly suffix?: string;
  /** AIM symbology identifier to transmit, `]C1` for GS1-128 (ISO/IEC 15424); none by default. */
  readonly aimIdentifier?: string;
}

const TERMINATORS: Readonly<Record<LineTerminator, string>> = { cr: '\r', lf: '\n', crlf: '\r\n' };

function badBarcode(detail: string): ScannerSimError {
  return new ScannerSimError(
    'scanner_sim.bad_barcode',
    'El escáner simulado no puede enviar ese código.',
    detail,
  );
}

/** The bytes of one scan line. Throws ScannerSimError for text with an end of line or a non-latin-1 character. */
export function encodeScanLine(data: string, format: LineFormat = {}): Uint8Array {
  const body = `${format.prefix ?? ''}${format.aimIdentifier ?? ''}${data}${format.suffix ?? ''}`;
  if (/[\r\n]/.test(body)) throw badBarcode('data, prefix, suffix or identifier contains CR or LF');
  const text = body + TERMINATORS[format.terminator ?? 'cr'];
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff)
      throw badBarcode(`character U+${code.toString(16).padStart(4, '0')} at ${i} is not latin-1`);
    bytes[i] = code;
  }
  return bytes;
}
