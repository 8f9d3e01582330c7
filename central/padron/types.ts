/** What the synthetic padrón generator takes and gives (see generator.ts). */
import type { IsoDate } from './dates.ts';
import type { Dwelling } from './streets.ts';

export type DocumentoTipo = 'dni' | 'nie' | 'nif_klm' | 'pasaporte';
export type MotivoAlta = 'nacimiento' | 'cambio_residencia' | 'omision' | 'cambio_domicilio';
export type Sexo = 'H' | 'M';

export interface GeneratedPersona {
  /** Both null for a minor without a document of their own. */
  readonly documentoTipo: DocumentoTipo | null;
  readonly documento: string | null;
  readonly nombre: string;
  readonly apellido1: string;
  readonly apellido2: string | null;
  readonly sexo: Sexo;
  readonly fechaNacimiento: IsoDate;
  readonly lugarNacimiento: string;
  /** ISO 3166-1 alpha-3. */
  readonly nacionalidad: string;
  /** The current inscripción in the household's domicilio. */
  readonly fechaAlta: IsoDate;
  readonly motivoAlta: MotivoAlta;
}

export interface GeneratedDomicilio extends Dwelling {
  /** Hoja padronal number, 1, 2, 3… in generation order. */
  readonly hoja: number;
}

/** A pending Modalidad 2 recibo (spanish-formats.md §1.3) owed by one member of the household. */
export interface GeneratedRecibo {
  /** Index into the household's `members`: the obligado al pago. */
  readonly memberIndex: number;
  readonly emisora: string;
  readonly modalidad: 2;
  readonly referencia: string;
  readonly referenciaControl: string;
  readonly identificacion: string;
  readonly tributo: string;
  readonly ejercicio: number;
  readonly importeCents: number;
  readonly fechaLimite: IsoDate;
  readonly barcode: string;
}

export interface GeneratedHousehold {
  readonly domicilio: GeneratedDomicilio;
  /** Adults first: the first member is always an adult. */
  readonly members: readonly GeneratedPersona[];
  readonly recibos: readonly GeneratedRecibo[];
}

/** Someone who must be in the padrón as given: the virtual DNIe's test citizens. */
export interface FixedPersona {
  /** DNI, NIE or K/L/M NIF with its control letter. */
  readonly documento: string;
  readonly nombre: string;
  readonly apellido1: string;
  readonly apellido2?: string | null;
  readonly sexo: Sexo;
  readonly fechaNacimiento: IsoDate;
  /** Defaults to ESP. */
  readonly nacionalidad?: string;
  readonly lugarNacimiento?: string;
  /**
   * Fixed personas with the same `hogar` live in one household (households.ts `sketchFixedGroup`: the
   * adults, a partner and a grandparent when only one adult is fixed, the minors as their children, and
   * a drawn sibling). Absent: each heads a household of their own.
   */
  readonly hogar?: string;
  /**
   * Exactly this many pending recibos with this persona as obligado (0–10) instead of drawn ones; with
   * three or more, the last is already past its fecha límite.
   */
  readonly recibosPendientes?: number;
}

export interface PadronOptions {
  readonly municipality: { readonly ineCode: string; readonly name: string };
  /** Exact number of personas, fixed ones included. */
  readonly people: number;
  /** "Today" of the padrón: ages, alta dates and fechas límite are relative to it. */
  readonly referenceDate: IsoDate;
  /** Placed first, each heading (or, for a minor, in) a household of their own. */
  readonly fixedPersonas?: readonly FixedPersona[];
  /** First 8-digit recibo sequence number (referencia = 2-digit ejercicio + sequence); 1 by default. */
  readonly reciboSequenceStart?: number;
}
