/**
 * ESC/POS printer emulator (escpos.md): decodes the byte stream with its own implementation, keeps
 * what would come out of the printer (text with styles, QR, barcodes, cuts), renders each document to
 * PNG and answers status requests from a condition settable at run time. Listens on TCP 9100 and on
 * a socat pseudo-terminal. It never imports drivers/: both sides follow the protocol on their own.
 */
export { code128Pattern, encodeEpsonCode128, type Code128Result, type Code128Symbol } from './code128.ts';
export { CODE_PAGES, type CodePageName, decodeText } from './codepages.ts';
export {
  type CutMode,
  type DecodeResult,
  decodeAll,
  type EscPosCommand,
  EscPosDecoder,
  type QrErrorCorrection,
  type StatusRequestKind,
} from './decoder.ts';
export { PrinterSimError, type PrinterSimErrorCode } from './errors.ts';
export {
  type Align,
  type Block,
  DEFAULT_LINE_SPACING,
  FONT_CELL,
  PageBuilder,
  type PageOptions,
  type PrintedDocument,
  type TextRun,
  type TextStyle,
} from './page.ts';
export { EmulatedPrinter } from './printer.ts';
export { type RenderOptions, renderDocumentCanvas, renderDocumentPng } from './render.ts';
export {
  type EmulatorOptions,
  type Listening,
  type PaperWidthMm,
  PRINTABLE_DOTS,
  PrinterEmulator,
  type StoredDocument,
} from './server.ts';
export { startTrayPage, type TrayPage } from './tray-page.ts';
export {
  automaticStatusBytes,
  HEALTHY_STATE,
  PRINTER_CONDITIONS,
  type PrinterConditionName,
  type PrinterState,
  paperSensorStatusByte,
  realtimeStatusByte,
} from './status.ts';

import { type EmulatorOptions, PrinterEmulator } from './server.ts';

/** Starts an emulator and returns it with where it listens (stop it with `emulator.stop()`). */
export async function start(options: EmulatorOptions = {}) {
  const emulator = new PrinterEmulator(options);
  const listening = await emulator.start();
  return { emulator, listening };
}
