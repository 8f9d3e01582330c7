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
