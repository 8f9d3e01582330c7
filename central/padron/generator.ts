/**
 * A synthetic padrón for demos, tests and benchmarks: households in the streets of a made-up town,
 * Spanish names and two surnames drawn by frequency, valid DNIs and NIEs, inscripción dates and motivos,
 * and pending recibos with valid Cuaderno 60 barcodes. Deterministic: the same `Random` seed and options
 * give the same padrón. A generator function, so a million people never sit in memory at once.
 */
import { IdentityError, parsePersonalNumber } from '../../core/identity/index.ts';
import { buildEmisora } from '../../core/recibos/index.ts';
import { addYears, dayNumber, type IsoDate, isoFromDayNumber, parseIsoDate } from './dates.ts';
import { DocumentIssuer } from './documents.ts';
import { PadronGeneratorError } from './generator-error.ts';
import {
  HOUSEHOLD_KINDS,
  type Sketch,
  sketchFixedGroup,
  sketchFixedHousehold,
  sketchHousehold,
} from './households.ts';
import {
  BOY_NAMES,
  FEMALE_NAMES,
  FOREIGN_NAMES,
  FOREIGN_NATIONALITIES,
  GIRL_NAMES,
  MALE_NAMES,
  type NameOrigin,
  SPANISH_BIRTHPLACES,
  SURNAMES,
} from './names.ts';
import { chance, pick, pickWeighted, type Random, randomInt } from './prng.ts';
import { DwellingCursor } from './streets.ts';
import { type ReciboRun, recibosFor } from './synthetic-recibos.ts';
import type {
  DocumentoTipo,
  FixedPersona,
  GeneratedDomicilio,
  GeneratedHousehold,
  GeneratedPersona,
  MotivoAlta,
  PadronOptions,
  Sexo,
} from './types.ts';

export type {
  DocumentoTipo,
  FixedPersona,
  GeneratedDomicilio,
  GeneratedHousehold,
  GeneratedPersona,
  GeneratedRecibo,
  MotivoAlta,
  PadronOptions,
  Sexo,
} from './types.ts';

/** Padrón continuo since the 1996 renovación (RD 2612/1996): no alta date earlier than this here. */
const PADRON_CONTINUO_START: IsoDate = '1996-05-01';
/** From here on new NIEs start with Y (assumption, see documents.ts). */
const NIE_Y_FROM: IsoDate = '2008-07-16';

interface Origin {
  readonly nacionalidad: string;
  /** Country of birth, null for Spain. */
  readonly country: string | null;
  readonly names: NameOrigin;
}

const SPAIN: Origin = { nacionalidad: 'ESP', country: null, names: 'hispanic' };

interface Surnames {
  readonly apellido1: string;
  readonly apellido2: string | null;
}

export function validatePadronOptions(options: PadronOptions): void {
  const fail = (detail: string) => {
    throw new PadronGeneratorError('padron_generator.options_invalid', detail);
  };
  if (!/^[0-9]{5}$/.test(options.municipality.ineCode)) fail('municipality.ineCode: 5 digits');
  if (options.municipality.name.trim() === '') fail('municipality.name: empty');
  if (!Number.isSafeInteger(options.people) || options.people < 0) fail('people: a whole number ≥ 0');
  const reference = parseIsoDate(options.referenceDate);
  // The recibos' ejercicio is the reference year, and Cuaderno 60 writes it with 2 digits read as 20xx.
  if (reference === undefined || reference.year < 2000 || reference.year > 2099) {
    fail('referenceDate: YYYY-MM-DD in 2000-2099');
  }
  const start = options.reciboSequenceStart ?? 1;
  if (!Number.isSafeInteger(start) || start < 1 || start > 90_000_000)
    fail('reciboSequenceStart: 1 … 90 000 000');
}

function checkFixed(fixed: readonly FixedPersona[], referenceDate: IsoDate): Set<string> {
  const seen = new Set<string>();
  fixed.forEach((persona, index) => {
    const fail = (detail: string) => {
      throw new PadronGeneratorError(
        'padron_generator.fixed_persona_invalid',
        `fixedPersonas[${index}]: ${detail}`,
      );
    };
    let value: string;
    try {
      value = parsePersonalNumber(persona.documento).value;
    } catch (error) {
      if (error instanceof IdentityError) fail(`documento refused (${error.code})`);
      throw error;
    }
    if (value !== persona.documento) fail('documento not in normal form (upper case, 8 digits + letter)');
    if (seen.has(value)) fail('documento repeated');
    seen.add(value);
    if (parseIsoDate(persona.fechaNacimiento) === undefined || persona.fechaNacimiento > referenceDate) {
      fail('fechaNacimiento: a date not after referenceDate');
    }
    if (persona.nombre.trim() === '' || persona.apellido1.trim() === '')
      fail('nombre and apellido1 required');
    if (persona.nacionalidad !== undefined && !/^[A-Z]{3}$/.test(persona.nacionalidad))
      fail('nacionalidad: ISO alpha-3');
    if (persona.hogar !== undefined && persona.hogar.trim() === '') fail('hogar: empty');
    const recibos = persona.recibosPendientes;
    if (recibos !== undefined && !(Number.isInteger(recibos) && recibos >= 0 && recibos <= 10))
      fail('recibosPendientes: 0 … 10');
  });
  return seen;
}

/** Everything a household needs to be drawn, shared across the run. */
class PadronContext implements ReciboRun {
  readonly random: Random;
  readonly options: PadronOptions;
  readonly referenceDate: IsoDate;
  readonly documents: DocumentIssuer;
  readonly dwellings: DwellingCursor;
  readonly emisora: string;
  readonly referenceDay: number;
  #hoja = 0;
  #reciboSequence: number;

  constructor(random: Random, options: PadronOptions, reserved: ReadonlySet<string>) {
    this.random = random;
    this.options = options;
    this.referenceDate = options.referenceDate;
    this.documents = new DocumentIssuer(random, reserved);
    this.dwellings = new DwellingCursor(random, options.municipality.ineCode);
    this.emisora = buildEmisora(options.municipality.ineCode);
    this.referenceDay = dayNumber(options.referenceDate);
    this.#reciboSequence = options.reciboSequenceStart ?? 1;
  }

  nextDomicilio(): GeneratedDomicilio {
    this.#hoja += 1;
    return { ...this.dwellings.next(), hoja: this.#hoja };
  }

  nextReciboSequence(): number {
    return this.#reciboSequence++;
  }
}

function drawOrigin(random: Random): Origin {
  if (chance(random, 0.88)) return SPAIN;
  const nationality = pickWeighted(random, FOREIGN_NATIONALITIES);
  return { nacionalidad: nationality.code, country: nationality.country, names: nationality.origin };
}

function surnamesFor(random: Random, origin: Origin): Surnames {
  if (origin.names === 'hispanic') {
    return { apellido1: pickWeighted(random, SURNAMES), apellido2: pickWeighted(random, SURNAMES) };
  }
  return { apellido1: pick(random, FOREIGN_NAMES[origin.names].surnames), apellido2: null };
}

/** Spanish custom: father's first surname then mother's; one parent gives one and the other is drawn. */
function childSurnames(
  random: Random,
  origin: Origin,
  parents: readonly { sexo: Sexo; surnames: Surnames }[],
): Surnames {
  if (origin.names !== 'hispanic') {
    return parents[0] === undefined
      ? surnamesFor(random, origin)
      : { apellido1: parents[0].surnames.apellido1, apellido2: null };
  }
  const father = parents.find((p) => p.sexo === 'H') ?? (parents.length === 2 ? parents[0] : undefined);
  const mother = parents.find((p) => p !== father);
  return {
    apellido1: father?.surnames.apellido1 ?? pickWeighted(random, SURNAMES),
    apellido2: mother?.surnames.apellido1 ?? pickWeighted(random, SURNAMES),
  };
}

function nameFor(random: Random, origin: Origin, sexo: Sexo, age: number): string {
  if (origin.names === 'hispanic') {
    if (age < 18) return pickWeighted(random, sexo === 'H' ? BOY_NAMES : GIRL_NAMES);
    return pickWeighted(random, sexo === 'H' ? MALE_NAMES : FEMALE_NAMES);
  }
  const names = FOREIGN_NAMES[origin.names];
  return pick(random, sexo === 'H' ? names.male : names.female);
}

function birthDateForAge(random: Random, age: number, referenceDate: IsoDate): IsoDate {
  const latest = dayNumber(addYears(referenceDate, -age));
  const earliest = dayNumber(addYears(referenceDate, -(age + 1))) + 1;
  return isoFromDayNumber(randomInt(random, earliest, latest));
}

/** The alta of a member of a household that arrived on `arrivalDay` (see the table in README). */
function altaFor(
  context: PadronContext,
  birth: IsoDate,
  age: number,
  arrivalDay: number,
): { fechaAlta: IsoDate; motivoAlta: MotivoAlta } {
  const { random, referenceDay } = context;
  const birthDay = dayNumber(birth);
  if (birthDay < arrivalDay) {
    return {
      fechaAlta: isoFromDayNumber(arrivalDay),
      motivoAlta: chance(random, 0.03) ? 'omision' : 'cambio_residencia',
    };
  }
  if (age < 18) return { fechaAlta: birth, motivoAlta: 'nacimiento' };
  // Born in the town after the household came: an adult who has since moved in here from another
  // domicilio of the same town (a change of domicilio, not a new alta in the municipality).
  const from = Math.max(arrivalDay, dayNumber(addYears(birth, 18)));
  return {
    fechaAlta: isoFromDayNumber(randomInt(random, from, Math.max(from, referenceDay - 1))),
    motivoAlta: 'cambio_domicilio',
  };
}

function documentFor(
  context: PadronContext,
  origin: Origin,
  age: number,
  arrivalDay: number,
): { documentoTipo: DocumentoTipo | null; documento: string | null } {
  const { random, documents } = context;
  if (origin === SPAIN) {
    // DNI is compulsory from 14 (LO 4/2015 art. 9.1); many younger children have one too.
    if (age >= 14 || chance(random, 0.55)) return { documentoTipo: 'dni', documento: documents.dni() };
    return { documentoTipo: null, documento: null };
  }
  if (age < 14 && chance(random, 0.4)) return { documentoTipo: null, documento: null };
  if (age >= 18 && chance(random, 0.12)) {
    return { documentoTipo: 'pasaporte', documento: documents.passport(origin.nacionalidad.slice(0, 2)) };
  }
  const prefix = isoFromDayNumber(arrivalDay) >= NIE_Y_FROM ? 'Y' : 'X';
  return { documentoTipo: 'nie', documento: documents.nie(prefix) };
}

function buildHousehold(context: PadronContext, sketches: readonly Sketch[]): GeneratedHousehold {
  const { random, options } = context;
  const referenceDate = options.referenceDate;
  const fixedOrigin = sketches.find((s) => s.fixed)?.fixed;
  // A fixed persona's household shares their nationality; a foreign one keeps Hispanic naming.
  const origin =
    fixedOrigin === undefined
      ? drawOrigin(random)
      : (fixedOrigin.nacionalidad ?? 'ESP') === 'ESP'
        ? SPAIN
        : { nacionalidad: fixedOrigin.nacionalidad!, country: null, names: 'hispanic' as const };
  const arrivalDay = randomInt(random, dayNumber(PADRON_CONTINUO_START), context.referenceDay - 1);
  const built: { sexo: Sexo; surnames: Surnames }[] = [];
  const members: GeneratedPersona[] = sketches.map((sketch) => {
    const fixed = sketch.fixed;
    const birth = fixed?.fechaNacimiento ?? birthDateForAge(random, sketch.age, referenceDate);
    const surnames: Surnames =
      fixed !== undefined
        ? { apellido1: fixed.apellido1, apellido2: fixed.apellido2 ?? null }
        : sketch.apellido1 !== undefined
          ? { apellido1: sketch.apellido1, apellido2: pickWeighted(random, SURNAMES) }
          : sketch.parents !== undefined && sketch.parents.length > 0
            ? childSurnames(
                random,
                origin,
                sketch.parents.map((i) => built[i]!),
              )
            : surnamesFor(random, origin);
    built.push({ sexo: sketch.sexo, surnames });
    const alta = altaFor(context, birth, sketch.age, arrivalDay);
    const document =
      fixed !== undefined
        ? {
            documentoTipo: parsePersonalNumber(fixed.documento).kind as DocumentoTipo,
            documento: fixed.documento,
          }
        : documentFor(context, origin, sketch.age, arrivalDay);
    const bornHere = alta.motivoAlta === 'nacimiento' || (origin === SPAIN && chance(random, 0.3));
    return {
      ...document,
      nombre: fixed?.nombre ?? nameFor(random, origin, sketch.sexo, sketch.age),
      ...surnames,
      sexo: sketch.sexo,
      fechaNacimiento: birth,
      lugarNacimiento:
        fixed?.lugarNacimiento ??
        (bornHere
          ? options.municipality.name
          : (origin.country ?? pickWeighted(random, SPANISH_BIRTHPLACES))),
      nacionalidad: origin.nacionalidad,
      ...alta,
    };
  });
  const domicilio = context.nextDomicilio();
  const fixedRecibos = sketches.map((sketch) => sketch.fixed?.recibosPendientes);
  return { domicilio, members, recibos: recibosFor(context, members, fixedRecibos) };
}

/**
 * The households of a synthetic padrón, in order: fixed personas' households first, then drawn ones,
 * the last one cut so that the total is exactly `options.people` (adults come first, so a cut household
 * keeps an adult). Throws `PadronGeneratorError` for bad options, before yielding anything.
 */
export function generatePadron(random: Random, options: PadronOptions): Generator<GeneratedHousehold> {
  validatePadronOptions(options);
  const fixed = options.fixedPersonas ?? [];
  const reserved = checkFixed(fixed, options.referenceDate);
  const context = new PadronContext(random, options, reserved);
  const fixedSketches = fixedHouseholds(fixed).map((group) =>
    group.length === 1 && group[0]!.hogar === undefined
      ? sketchFixedHousehold(random, group[0]!, options.referenceDate)
      : sketchFixedGroup(random, group, options.referenceDate),
  );
  const fixedTotal = fixedSketches.reduce((sum, sketch) => sum + sketch.length, 0);
  if (fixedTotal > options.people) {
    throw new PadronGeneratorError(
      'padron_generator.options_invalid',
      `people ${options.people} < ${fixedTotal} personas in the fixed personas' households`,
    );
  }
  return households(context, fixedSketches);
}

/** Fixed personas by household, in order of first appearance: those with one `hogar` together, the rest alone. */
function fixedHouseholds(fixed: readonly FixedPersona[]): FixedPersona[][] {
  const groups: FixedPersona[][] = [];
  const byHogar = new Map<string, FixedPersona[]>();
  for (const persona of fixed) {
    if (persona.hogar === undefined) {
      groups.push([persona]);
      continue;
    }
    const group = byHogar.get(persona.hogar);
    if (group !== undefined) group.push(persona);
    else {
      const created = [persona];
      byHogar.set(persona.hogar, created);
      groups.push(created);
    }
  }
  return groups;
}

function* households(
  context: PadronContext,
  fixedSketches: readonly Sketch[][],
): Generator<GeneratedHousehold> {
  let remaining = context.options.people;
  for (const sketch of fixedSketches) {
    remaining -= sketch.length;
    yield buildHousehold(context, sketch);
  }
  while (remaining > 0) {
    const sketch = sketchHousehold(context.random, pickWeighted(context.random, HOUSEHOLD_KINDS)).slice(
      0,
      remaining,
    );
    remaining -= sketch.length;
    yield buildHousehold(context, sketch);
  }
}
