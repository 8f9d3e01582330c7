export { addYears, ageOn, type IsoDate, parseIsoDate } from './dates.ts';
export {
  type DocumentoTipo,
  type FixedPersona,
  type GeneratedDomicilio,
  type GeneratedHousehold,
  type GeneratedPersona,
  type GeneratedRecibo,
  generatePadron,
  type MotivoAlta,
  type PadronOptions,
  type Sexo,
  validatePadronOptions,
} from './generator.ts';
export { SYNTHETIC_TRIBUTOS } from './synthetic-recibos.ts';
export {
  PADRON_GENERATOR_ERROR_MESSAGES,
  PadronGeneratorError,
  type PadronGeneratorErrorCode,
} from './generator-error.ts';
export {
  ensureMunicipality,
  type LoadOptions,
  type LoadReport,
  loadPadron,
  type MunicipalityRow,
} from './loader.ts';
export {
  chance,
  pick,
  pickWeighted,
  type Random,
  randomInt,
  seededRandom,
  type WeightedList,
  weighted,
} from './prng.ts';
