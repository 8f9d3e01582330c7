/**
 * ZVT (PA00P015) ECR driver: pure codecs and the command exchange. Transports (serial, TCP, HID) feed
 * bytes to the deframers/readers here and implement {@link ZvtLink}. See docs/zvt.md.
 */
export {
  ApduStreamReader,
  KNOWN_APDU_CLASSES,
  MAX_APDU_DATA_LENGTH,
  MAX_APDU_LENGTH,
  POSITIVE_ACK,
  ZvtControl,
  apdu,
  decodeApdu,
  encodeApdu,
  isNegativeAck,
  isPositiveAck,
  negativeAck,
} from './apdu.ts';
export type { ApduReaderEvent, ZvtApdu } from './apdu.ts';
export {
  MAX_BCD_AMOUNT,
  decodeAmount,
  decodeBcd,
  decodeBcdNumber,
  decodePan,
  decodeVarLength,
  encodeAmount,
  encodeBcd,
  encodeBcdNumber,
  encodePan,
  encodeVarLength,
} from './bcd.ts';
export {
  BMP_TABLE,
  bmpAmount,
  bmpByte,
  bmpCurrency,
  bmpReceiptNumber,
  bmpTlv,
  bmpTraceNumber,
  decodeBmps,
  encodeBmps,
  interpretBmps,
} from './bmp.ts';
export type { BmpField, BmpLength, BmpSpec, BmpValues } from './bmp.ts';
export {
  CURRENCY_EUR,
  KIOSK_REGISTRATION_CONFIG,
  RegistrationConfig,
  abortCommand,
  authorization,
  diagnosis,
  endOfDay,
  logOff,
  refund,
  registration,
  repeatReceipt,
  reversal,
  sendTurnoverTotals,
  statusEnquiry,
} from './commands.ts';
export type {
  AuthorizationOptions,
  RefundOptions,
  RegistrationOptions,
  ReversalOptions,
  StatusEnquiryOptions,
} from './commands.ts';
export { decodeCp437, encodeCp437 } from './cp437.ts';
export { crc16Kermit, zvtFrameCrc } from './crc.ts';
export { ZvtDecodeError, ZvtEncodeError } from './errors.ts';
export type { ZvtDecodeErrorCode } from './errors.ts';
export { DEFAULT_HID_FRAMING, HidReassembler, packHidReports } from './hid-framing.ts';
export type { HidFramingOptions, HidReassemblyEvent } from './hid-framing.ts';
export { STATUS_TEXT_IN_TLV, describeIntermediateStatus } from './intermediate-status.ts';
export type { StatusPrompt, StatusText } from './intermediate-status.ts';
export {
  parseAbort,
  parseCompletion,
  parseIntermediateStatus,
  parsePrintLine,
  parsePrintTextBlock,
  parsePtMessage,
  parseStatusEnquiryCompletion,
  parseStatusInformation,
} from './pt-messages.ts';
export type {
  AbortInfo,
  Completion,
  IntermediateStatus,
  PrintLine,
  PrintTextBlock,
  PtMessage,
  ReceiptType,
  StatusEnquiryCompletion,
  StatusInformation,
} from './pt-messages.ts';
export { KNOWN_RESULT_CODES, RESULT_ABORTED, RESULT_SUCCESS, describeResultCode } from './result-codes.ts';
export type { ResultCodeInfo } from './result-codes.ts';
export {
  ACK,
  ACK_BYTES,
  DEFAULT_SERIAL_LINE,
  DLE,
  DLE_ACK_BYTES,
  ETX,
  NAK,
  NAK_BYTES,
  NAK_NAK_BYTES,
  SERIAL_LINK_POLICY,
  STX,
  SerialDeframer,
  encodeSerialFrame,
} from './serial-framing.ts';
export type { SerialEvent } from './serial-framing.ts';
export { runExchange } from './session.ts';
export type {
  ExchangeOptions,
  ExchangeResult,
  ExchangeTranscript,
  LinkReceive,
  Printout,
  ZvtLink,
} from './session.ts';
export {
  TlvTag,
  decodeBerLength,
  decodeTlv,
  encodeBerLength,
  encodeTlv,
  encodeTlvContainer,
  findAllTlv,
  findTlvValue,
  isConstructedTag,
  tagBytes,
} from './tlv.ts';
export type { TlvNode } from './tlv.ts';
export { TOTALS_CARD_GROUPS, decodeIndividualTotals, encodeIndividualTotals } from './totals.ts';
export type { CardGroupTotal, IndividualTotals, TotalsCardGroup } from './totals.ts';
export { ZvtPaymentTerminal } from './zvt-payment-terminal.ts';
export type { ZvtPaymentTerminalOptions } from './zvt-payment-terminal.ts';
