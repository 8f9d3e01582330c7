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

const AMOUNTS: Readonly<Record<string, readonly [number, number]>> = {
  [SYNTHETIC_TRIBUTOS.ibi]: [150_00, 1_200_00],
  [SYNTHETIC_TRIBUTOS.basuras]: [40_00, 120_00],
  [SYNTHETIC_TRIBUTOS.vehiculos]: [30_00, 180_00],
};

/**
 * Some households owe IBI, some adults the vehicle tax, some households the rubbish fee. A member with a
 * number in `fixedCounts` (a fixed persona's `recibosPendientes`) owes exactly that many instead: IBI,
 * rubbish, vehicle tax in turn, all payable except the last of three or more, already past its plazo.
 */
export function recibosFor(
  context: ReciboRun,
  members: readonly GeneratedPersona[],
  fixedCounts: readonly (number | undefined)[] = [],
): GeneratedRecibo[] {
  const { random } = context;
  const recibos: GeneratedRecibo[] = [];
  const drawn = (index: number) => fixedCounts[index] === undefined;
  const amount = (tributo: string) => randomInt(random, ...AMOUNTS[tributo]!);
  if (drawn(0) && chance(random, 0.3))
    recibos.push(recibo(context, 0, SYNTHETIC_TRIBUTOS.ibi, amount(SYNTHETIC_TRIBUTOS.ibi)));
  if (drawn(0) && chance(random, 0.1))
    recibos.push(recibo(context, 0, SYNTHETIC_TRIBUTOS.basuras, amount(SYNTHETIC_TRIBUTOS.basuras)));
  members.forEach((member, index) => {
    if (drawn(index) && ageOn(member.fechaNacimiento, context.referenceDate) >= 18 && chance(random, 0.12)) {
      recibos.push(
        recibo(context, index, SYNTHETIC_TRIBUTOS.vehiculos, amount(SYNTHETIC_TRIBUTOS.vehiculos)),
      );
    }
  });
  const cycle = [SYNTHETIC_TRIBUTOS.ibi, SYNTHETIC_TRIBUTOS.basuras, SYNTHETIC_TRIBUTOS.vehiculos];
  fixedCounts.forEach((count, index) => {
    for (let k = 0; k < (count ?? 0); k++) {
      const tributo = cycle[k % cycle.length]!;
      const overdue = count! >= 3 && k === count! - 1;
      recibos.push(recibo(context, index, tributo, amount(tributo), overdue ? 'vencido' : 'vigente'));
    }
  });
  return recibos;
}

function recibo(
  context: ReciboRun,
  memberIndex: number,
  tributo: string,
  importeCents: number,
  plazo?: 'vigente' | 'vencido',
): GeneratedRecibo {
  const { random, referenceDay } = context;
  const ejercicio = parseIsoDate(context.referenceDate)!.year;
  // Most are still payable; about one in seven is past its fecha límite (the kiosk must refuse those).
  const payable = plazo === undefined ? chance(random, 0.85) : plazo === 'vigente';
  const limitDay = payable
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
