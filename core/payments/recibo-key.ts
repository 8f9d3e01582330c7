/** One key per recibo, whether scanned or typed, modalidad 1 or 2 (the paid list from central uses it too). */
import type { ReciboBarcode } from '../recibos/index.ts';
import type { ReciboRef } from './ledger.ts';

/** `emisora-referencia+DC-identificación`, e.g. `280793-250000123446-1100255334`. */
export function reciboKey(
  r: Pick<ReciboBarcode, 'emisora' | 'referencia' | 'referenciaControl' | 'identificacion'>,
): string {
  return `${r.emisora}-${r.referencia}${r.referenciaControl}-${r.identificacion}`;
}

export function reciboRef(r: ReciboBarcode): ReciboRef {
  return {
    reciboKey: reciboKey(r),
    modalidad: r.modalidad,
    emisora: r.emisora,
    referencia: r.referencia,
    referenciaControl: r.referenciaControl,
    identificacion: r.identificacion,
    tributo: r.tributo,
    ejercicio: r.ejercicio,
  };
}
