import type { CalendarDate } from './calendar-date.ts';
import type { Cents } from './money.ts';

/** Fields every Cuaderno 60 recibo carries (spanish-formats.md §1.3, §1.4). */
interface ReciboCommon {
  /** Entidad emisora, 6 digits: 5 assigned (INE province + municipality for ayuntamientos) + check digit. */
  readonly emisora: string;
  /** Whether the 6th emisora digit follows the §1.6 rule; informative only, never a reason to refuse. */
  readonly emisoraCheckDigitValid: boolean;
  /** The 10 digits chosen by the issuer. */
  readonly referencia: string;
  /** The 2 control digits printed after the referencia (§1.6). */
  readonly referenciaControl: string;
  /** The identificación digits as they appear in the code: 10 in Modalidad 2, 7 in Modalidad 1. */
  readonly identificacion: string;
  /** 3-digit concepto from Anexo II (for example 100). */
  readonly tributo: string;
  /** Year of devengo. The code carries 2 digits; read as 20xx (assumption, valid until 2099). */
  readonly ejercicio: number;
  /** Importe in euro cents: an integer, never a float. */
  readonly importeCents: Cents;
}

/** Modalidad 1 (`90502`): tributos without a due date in the code. */
export interface ReciboModalidad1 extends ReciboCommon {
  readonly modalidad: 1;
  /** 2-digit período/remesa ([VERIFY] sub-fields against Anexo IV, §1.4). */
  readonly periodo: string;
}

/** Modalidad 2 (`90521`): tributos with a fecha límite, refused after it. */
export interface ReciboModalidad2 extends ReciboCommon {
  readonly modalidad: 2;
  /** Discriminante de período, first identificación digit: `1` in every known source (§1.3). Not checked. */
  readonly discriminante: string;
  /** Last day the recibo can be paid, decoded by the rule in `resolveFechaLimiteYear`. */
  readonly fechaLimite: CalendarDate;
}

/** A recibo read from its barcode or typed by hand, with its control digits already verified. */
export type ReciboBarcode = ReciboModalidad1 | ReciboModalidad2;

export type Modalidad = ReciboBarcode['modalidad'];

/** The Cuaderno 60 application identifier + format type prefixes (§1.1, §1.2). */
export const RECIBO_PREFIX = { 1: '90502', 2: '90521' } as const;

/** Total digits of each modalidad's code, padding digit included (§1.2). */
export const RECIBO_LENGTH = { 1: 38, 2: 42 } as const;

/** Digits of the identificación in each modalidad (§1.3, §1.4). */
export const IDENTIFICACION_LENGTH = { 1: 7, 2: 10 } as const;

/** Other formats under AI 90 that are known (§1.2) but the kiosk does not collect. */
export const UNSUPPORTED_PREFIXES: readonly string[] = ['90507', '90508', '90523'];
