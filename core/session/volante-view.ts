/**
 * Central's volante, as the screen previews it and as the printer lays it out (drivers/printer
 * `volanteIndividual` / `volanteColectivo`). Pure: no I/O, the time zone and the municipality's texts
 * come in.
 */
import {
  type PrintDocument,
  type VolanteIndividualInput,
  volanteColectivo,
  volanteIndividual,
} from '../../drivers/printer/index.ts';
import { type VolantePreview, volantePreviewSchema } from '../api/contract.ts';
import type { IssueAnswer, PersonaWire, PreviewAnswer } from '../citizen-access/index.ts';

export function nombreCompleto(persona: PersonaWire): string {
  return [persona.nombre, persona.apellido1, persona.apellido2 ?? '']
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}

/** What the screen shows before the citizen confirms; undefined when it breaks the KioskApi contract. */
export function previewView(answer: PreviewAnswer): VolantePreview | undefined {
  const { preview } = answer;
  const view = volantePreviewSchema.safeParse({
    kind: answer.kind,
    // As the paper names it: the town, not the council ("Villademo", not "Ayuntamiento de Villademo").
    municipio: townOf(preview.municipio.nombre),
    domicilio: { direccion: preview.domicilio.direccion, codigoPostal: preview.domicilio.codigoPostal },
    personas: preview.personas.map((persona) => ({
      nombre: nombreCompleto(persona),
      documento: persona.documento,
      fechaNacimiento: persona.fechaNacimiento,
      fechaAlta: persona.fechaAlta,
    })),
    validezMeses: preview.validezMeses,
  });
  return view.success ? view.data : undefined;
}

/** The calendar date (`YYYY-MM-DD`) of an instant in the municipality's zone: "valid until" on screen. */
export function localIsoDate(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export interface VolantePrintContext {
  /** "Ayuntamiento de …", as printed in the header. */
  readonly municipalityName: string;
  readonly kioskId: string;
  readonly timeZone: string;
  /**
   * First-layer privacy notice (LOPDGDD art. 11) of central's configuration for the kiosk, for a
   * document that carries no texts (a central older than them); absent or null: `defaultAvisoPrivacidad`.
   */
  readonly avisoPrivacidad?: string | null;
}

/**
 * The first-layer privacy notice printed when the configuration has none of its own. [VERIFY] with the
 * municipality's DPO: the controller and the purpose are the Padrón's by law (LRBRL arts. 15–17).
 */
export function defaultAvisoPrivacidad(municipalityName: string): string {
  return (
    `Responsable: ${municipalityName}. Finalidad: gestión del Padrón municipal de habitantes ` +
    '(Ley 7/1985, arts. 15-17). Puede ejercer sus derechos ante el Ayuntamiento; más información en su ' +
    'sede electrónica.'
  );
}

/**
 * The town as an address line names it: central's municipio may be the council's name ("Ayuntamiento de
 * Villademo"), which an address does not repeat.
 */
export function townOf(municipio: string): string {
  return municipio
    .replace(/^\s*(ayuntamiento|ajuntament|concello|ayuntamiento constitucional)\s+(de\s+|d')/iu, '')
    .trim();
}

/** Central's link carries `?csv=`; the paper names the page and the QR adds the CSV back. */
function verificationPage(link: string): string {
  const url = new URL(link);
  url.searchParams.delete('csv');
  return url.toString();
}

function inscrita(persona: PersonaWire): VolanteIndividualInput['persona'] {
  return {
    nombreCompleto: nombreCompleto(persona),
    documentoIdentidad: persona.documento ?? 'Sin documento',
    fechaNacimiento: persona.fechaNacimiento,
    ...(persona.lugarNacimiento === null ? {} : { lugarNacimiento: persona.lugarNacimiento }),
    nacionalidad: persona.nacionalidad,
    fechaAlta: persona.fechaAlta,
    motivoAlta: MOTIVOS_ALTA[persona.motivoAlta] ?? persona.motivoAlta,
  };
}

/** Central sends the padrón's code; the paper says it in words (RD 1690/1986 art. 70 motivos de alta). */
const MOTIVOS_ALTA: Readonly<Record<string, string>> = {
  nacimiento: 'Nacimiento',
  cambio_residencia: 'Cambio de residencia',
  omision: 'Omisión',
  cambio_domicilio: 'Cambio de domicilio',
};

/** A text worth printing: central may send an empty one, which would print a blank paragraph. */
function nonBlank(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * Central's sealed document laid out for the printer, with its CSV and verification QR. The texts at
 * its foot are the document's own (what is printed is what is sealed); a document without them falls
 * back to the configuration's notice, then to the default one.
 */
export function volantePrintDocument(
  issued: IssueAnswer,
  validezMeses: number,
  context: VolantePrintContext,
): PrintDocument {
  const { document } = issued;
  const pieVolante = nonBlank(document.textos?.pieVolante);
  const base = {
    municipality: { name: context.municipalityName },
    kioskId: context.kioskId,
    issuedAt: new Date(issued.issuedAt),
    timeZone: context.timeZone,
    domicilio: `${document.domicilio.direccion}, ${document.domicilio.codigoPostal} ${townOf(document.municipio.nombre)}`,
    validezMeses,
    verification: { csv: issued.csv, verificationUrl: verificationPage(issued.verificationUrl) },
    avisoPrivacidad:
      nonBlank(document.textos?.avisoPrivacidad) ??
      nonBlank(context.avisoPrivacidad) ??
      defaultAvisoPrivacidad(context.municipalityName),
    ...(pieVolante === undefined ? {} : { pieVolante }),
  };
  const personas = document.personas.map(inscrita);
  const [first] = personas;
  if (document.clase === 'individual' && first !== undefined)
    return volanteIndividual({ ...base, persona: first });
  return volanteColectivo({ ...base, personas });
}
