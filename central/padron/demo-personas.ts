/**
 * The virtual DNIe's people in the demo padrón: reads the file `simulators/dnie/main.ts
 * --write-personas` writes (one record per DNI number: dni, givenName, surnames, birthDate, sex, cards)
 * and turns it into fixed personas who live together in one household with pending recibos of their
 * own. The file is read as untrusted input: anything else is a typed error naming the field.
 */
import { z } from 'zod';
import { PadronGeneratorError } from './generator-error.ts';
import type { FixedPersona } from './types.ts';

const record = z.strictObject({
  dni: z.string().regex(/^[0-9]{8}[A-Z]$/, 'a DNI number with its letter'),
  givenName: z.string().trim().min(1).max(60),
  surnames: z.string().trim().min(1).max(120),
  birthDate: z.iso.date(),
  sex: z.enum(['female', 'male']),
  cards: z.array(z.string().min(1).max(40)).max(20).optional(),
});
const personasFile = z.array(record).min(1).max(50);

/** The household the virtual DNIe's people share (FixedPersona `hogar`). */
export const DNIE_HOGAR = 'dnie';
/** Pending recibos of each adult (the last one past its plazo) and of each minor. */
export const DNIE_RECIBOS = { adult: 3, minor: 2 } as const;

/** Upper-case certificate text as a padrón writes names: "MARÍA" → "María", "DE LA FUENTE" → "de la Fuente". */
export function padronCase(text: string): string {
  const particles = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'i']);
  return text
    .trim()
    .toLocaleLowerCase('es')
    .split(/\s+/)
    .map((word, index) =>
      index > 0 && particles.has(word) ? word : word.charAt(0).toLocaleUpperCase('es') + word.slice(1),
    )
    .join(' ');
}

/**
 * Fixed personas from the personas file's text. The first surname is the first word of `surnames` and
 * the second the rest (the simulator's identities have one-word surnames; a compound first surname
 * would land in the second). `referenceDate` decides who is a minor (for the number of recibos).
 */
export function fixedPersonasFromFile(text: string, referenceDate: string): FixedPersona[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PadronGeneratorError('padron_generator.fixed_persona_invalid', 'personas file: not JSON');
  }
  const parsed = personasFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PadronGeneratorError(
      'padron_generator.fixed_persona_invalid',
      `personas file: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  const adultBorn = `${Number(referenceDate.slice(0, 4)) - 18}${referenceDate.slice(4)}`;
  return parsed.data.map((person) => {
    const [apellido1, ...rest] = person.surnames.trim().split(/\s+/);
    return {
      documento: person.dni,
      nombre: padronCase(person.givenName),
      apellido1: padronCase(apellido1!),
      apellido2: rest.length === 0 ? null : padronCase(rest.join(' ')),
      sexo: person.sex === 'female' ? 'M' : 'H',
      fechaNacimiento: person.birthDate,
      hogar: DNIE_HOGAR,
      recibosPendientes: person.birthDate <= adultBorn ? DNIE_RECIBOS.adult : DNIE_RECIBOS.minor,
    };
  });
}
