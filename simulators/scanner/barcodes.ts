/**
 * Cuaderno 60 barcodes for the demo: the synthetic worked examples of spanish-formats.md §1.7 (computed
 * by hand from the rules there; not real recibos), and the shape checks a scanner itself enforces.
 */

/** Synthetic barcodes, by name, for `--scan <name>` and tests. */
export const SAMPLE_RECIBO_BARCODES = {
  /** Modalidad 2, emisora 280793, 123,45 €, fecha límite 30-11-2025. */
  m2_madrid: '905212807932500001234461100255334000123450',
  /** Modalidad 2, same emisora, 1,00 €. */
  m2_small: '905212807930000000001791100255334000001000',
  /** Modalidad 2, emisora 080196, 50,00 €, fecha límite 31-01-2026. */
  m2_barcelona: '905210801962600000042781200266031000050000',
  /** Modalidad 1 (38 digits), emisora 280793, 45,50 €. */
  m1_madrid: '90502280793000012345682100250100004550',
} as const;

export type SampleName = keyof typeof SAMPLE_RECIBO_BARCODES;

export function isSampleName(name: string): name is SampleName {
  return Object.hasOwn(SAMPLE_RECIBO_BARCODES, name);
}

/**
 * Whether `digits` can be printed as the GS1-128 of a recibo at all: only digits, an even count (Code 128
 * subset C packs two per symbol, §1.1) and the AI 90 at the start. It says nothing of control digits:
 * the kiosk's core/recibos checks those, and the simulator must be able to send wrong ones.
 */
export function isGs1DigitString(digits: string): boolean {
  return /^90(\d\d)+$/.test(digits);
}
