export {
  formatDateTime,
  formatEuros,
  formatIsoDate,
  type IssueContext,
  type Municipality,
  type Verification,
  verificationLink,
} from './common.ts';
export {
  type JustificantePagoInput,
  justificantePago,
  maskedPan,
  type PagoConTarjeta,
  type ReciboPagado,
} from './justificante.ts';
export { printerTestPage, type TestPageInput } from './test-page.ts';
export {
  type PersonaInscrita,
  type VolanteColectivoInput,
  type VolanteIndividualInput,
  volanteColectivo,
  volanteIndividual,
} from './volante.ts';
export {
  type CierreDiarioInput,
  type CierreTerminal,
  cardTypeKey,
  cierreDiario,
  compararCierre,
  type Descuadre,
  descuadreLine,
  netoCajero,
  type Recuento,
  type TotalesPorTarjeta,
  type TotalTerminal,
} from './cierre.ts';
export { type ReciboTerminalInput, reciboTerminal, type TerminalReceiptCopy } from './recibo-terminal.ts';
export {
  isSampleDocumentName,
  SAMPLE_DOCUMENTS,
  SAMPLE_PERSONAS,
  SAMPLE_VERIFICATION,
  type SampleDocumentName,
  type SampleOptions,
  sampleCierre,
  sampleContext,
  sampleDocument,
  sampleJustificante,
  sampleReciboTerminal,
  sampleVolanteColectivo,
} from './samples.ts';
