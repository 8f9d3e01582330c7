/**
 * Barcode scanner driver: pure decoders for the three ways a scanner talks (HID POS reports, keyboard
 * reports of a wedge scanner, serial lines), and the BarcodeScanner adapters over node-hid and
 * serialport. It delivers the scanned text; core/recibos parses and validates it.
 */

export {
  type ScannerDecodeError,
  ScannerReportError,
  ScannerTransportError,
  ScanTooLongError,
} from './errors.ts';
export { hidPosLayoutFromDescriptor } from './hid-descriptor.ts';
export {
  COMPACT_HID_POS_LAYOUT,
  decodeHidPosReport,
  encodeHidPosReports,
  HidPosDecoder,
  type HidPosDecoderOptions,
  type HidPosLayout,
  type HidPosPiece,
  HONEYWELL_HID_POS_LAYOUT,
  hidPosReportLength,
} from './hid-pos.ts';
export {
  type HidDeviceLike,
  type HidDeviceSelector,
  HID_USAGE,
  HidScanner,
  type HidScannerCandidate,
  hidPosLayoutOfHidraw,
  type HidScannerOptions,
  listHidScanners,
  openHidScanner,
} from './hid-scanner.ts';
export {
  bootKeyboardReport,
  KeyboardWedgeDecoder,
  type KeyboardWedgeOptions,
  keyboardReportsFor,
} from './keyboard-wedge.ts';
export { charToKey, type KeyStroke, keyToChar, MODIFIER, TYPABLE_CHARACTERS } from './keycodes.ts';
export { type DecodeEvent, type Scan, scanOf } from './scan.ts';
export {
  type BarcodeScanner,
  ScannerBase,
  type ScannerEvents,
  type ScannerMode,
  type ScannerState,
} from './scanner.ts';
export { openSerialScanner, SerialScanner, type SerialScannerOptions } from './serial-scanner.ts';
export { SerialLineDecoder, type SerialLineOptions } from './serial-lines.ts';
export { bytesToText, splitAimIdentifier, textToBytes } from './symbology.ts';
