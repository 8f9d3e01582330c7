/** PC/SC layer: APDU codec, status words, T=0 rules, reader monitor and card connection over pcsclite. */
export {
  type CommandApdu,
  decodeCommandApdu,
  decodeResponseApdu,
  encodeCommandApdu,
  encodeResponseApdu,
  hex,
  MAX_EXTENDED_LC,
  MAX_EXTENDED_LE,
  MAX_SHORT_LC,
  MAX_SHORT_LE,
  needsExtended,
  type ResponseApdu,
  swHex,
} from './apdu.ts';
export { AtrFormatError, type ParsedAtr, parseAtr } from './atr.ts';
export { type BindingFactory, loadPcscBinding, SCARD_STATE } from './binding.ts';
export { CardConnection, type Disposition, type Protocol } from './connection.ts';
export { type AtrKind, classifyAtr } from './dnie-atr.ts';
export { ApduFormatError, PCSC_FAILURES, PcscError, type PcscFailure, StatusWordError } from './errors.ts';
export {
  type CardEvent,
  type ConnectOptions,
  describeCard,
  type MonitorEvents,
  ReaderMonitor,
  type ReaderMonitorOptions,
} from './monitor.ts';
export { type CardChange, cardChange, type ReaderSnapshot, snapshotOf } from './reader-state.ts';
export { SCARD, scardCodeOf, toPcscError } from './scard-errors.ts';
export { isSuccess, SW, statusWordText } from './status-word.ts';
export { exchangeT0, type ExchangeOptions, type RawTransmit } from './t0-exchange.ts';
export {
  type ApduChannel,
  type ReadResult,
  readCurrentFile,
  selectByName,
  selectFid,
} from './file-access.ts';
