/**
 * Pending recibos of a synthetic household: Modalidad 2 barcodes built by core/recibos (valid
 * control digits), referencias unique within a run.
 */
import { buildReciboBarcode, parseReciboBarcode } from '../../core/recibos/index.ts';
import { ageOn, type IsoDate, isoFromDayNumber, parseIsoDate } from './dates.ts';
import { chance, type Random, randomInt } from './prng.ts';
import type { GeneratedPersona, GeneratedRecibo } from './types.ts';

/**
 * Concept codes of the synthetic recibos. The codes are the ones in spanish-formats.md §1.7's worked
 * examples; which concept each code means in Anexo II was not confirmed ([VERIFY] against the AEB list).
 */
export const SYNTHETIC_TRIBUTOS = {
  ibi: '100',
  vehiculos: '200',
  basuras: '300',
} as const;

/** What drawing recibos needs from the run. */
export interface ReciboRun {
  readonly random: Random;
  readonly emisora: string;
  readonly referenceDate: IsoDate;
  readonly referenceDay: number;
  nextReciboSequence(): number;
}

/** Some households owe IBI, some adults the vehicle tax, some households the rubbish fee. */
export function recibosFor(context: ReciboRun, members: readonly GeneratedPersona[]): GeneratedRecibo[] {
  const { random } = context;
  const recibos: GeneratedRecibo[] = [];
  if (chance(random, 0.3))
    recibos.push(recibo(context, 0, SYNTHETIC_TRIBUTOS.ibi, randomInt(random, 150_00, 1_200_00)));
  if (chance(random, 0.1))
    recibos.push(recibo(context, 0, SYNTHETIC_TRIBUTOS.basuras, randomInt(random, 40_00, 120_00)));
  members.forEach((member, index) => {
    if (ageOn(member.fechaNacimiento, context.referenceDate) >= 18 && chance(random, 0.12)) {
      recibos.push(recibo(context, index, SYNTHETIC_TRIBUTOS.vehiculos, randomInt(random, 30_00, 180_00)));
    }
  });
  return recibos;
}

function recibo(
  context: ReciboRun,
  memberIndex: number,
  tributo: string,
  importeCents: number,
): GeneratedRecibo {
  const { random, referenceDay } = context;
  const ejercicio = parseIsoDate(context.referenceDate)!.year;
  // Most are still payable; about one in seven is past its fecha límite (the kiosk must refuse those).
  const limitDay = chance(random, 0.85)
    ? referenceDay + randomInt(random, 15, 120)
    : referenceDay - randomInt(random, 1, 60);
  const fechaLimite = isoFromDayNumber(limitDay);
  const referencia =
    String(ejercicio % 100).padStart(2, '0') + String(context.nextReciboSequence()).padStart(8, '0');
  const barcode = buildReciboBarcode({
    modalidad: 2,
    emisora: context.emisora,
    referencia,
    tributo,
    ejercicio,
    importeCents,
    fechaLimite: parseIsoDate(fechaLimite)!,
  });
  const parsed = parseReciboBarcode(barcode);
  return {
    memberIndex,
    emisora: context.emisora,
    modalidad: 2,
    referencia,
    referenciaControl: parsed.referenciaControl,
    identificacion: parsed.identificacion,
    tributo,
    ejercicio,
    importeCents,
    fechaLimite,
    barcode,
  };
}
