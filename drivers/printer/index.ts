/** ESC/POS printer driver: document model, encoder, status, transports and the Printer over them. */

export {
  type Charset,
  CODE_PAGES,
  type CodePage,
  charactersOf,
  decodeText,
  encodeText,
  toPrintable,
} from './codepage.ts';
export {
  type Alignment,
  type Block,
  block,
  type Code128Block,
  type CutBlock,
  type FeedBlock,
  type KeyValueBlock,
  type PrintDocument,
  type QrBlock,
  type QrErrorCorrection,
  type RuleBlock,
  type TextBlock,
  type TextStyle,
} from './document.ts';
export { type EncodeOptions, encodeDocument } from './encoder.ts';
export {
  type NotReadyReason,
  PrintEncodeError,
  PrinterNotReadyError,
  PrinterOfflineError,
  PrinterStatusError,
  PrinterTransportError,
  PrintNotDeliveredError,
} from './errors.ts';
export * from './layouts/index.ts';
export { Printer, type PrinterOptions, type PrintResult } from './printer.ts';
export {
  ALL_STATUS_REQUESTS,
  decodeStatus,
  encodeStatus,
  HEALTHY_STATUS,
  isStatusByte,
  type PrinterStatus,
  type PrinterWarning,
  type Readiness,
  readiness,
  type StatusRequestNumber,
  statusRequest,
} from './status.ts';
export * from './transports/index.ts';
export { columnsFor, fitPreformatted, type PaperWidthMm, wrapText } from './wrap.ts';
