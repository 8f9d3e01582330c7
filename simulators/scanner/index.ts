/** Simulated serial barcode scanner: writes Cuaderno 60 barcodes on a pty as a real scanner would. */

export {
  isGs1DigitString,
  isSampleName,
  SAMPLE_RECIBO_BARCODES,
  type SampleName,
} from './barcodes.ts';
export { ScannerSimError, type ScannerSimErrorCode } from './errors.ts';
export { encodeScanLine, type LineFormat, type LineTerminator } from './line-format.ts';
export { type PtyPair, startPtyPair } from './pty.ts';
export {
  type ScanDelivery,
  SimulatedSerialScanner,
  type SimulatedScannerOptions,
} from './scanner-sim.ts';
