/**
 * The streets and buildings of a made-up municipality, handed out one dwelling at a time so that every
 * generated domicilio has its own address (the table's address is unique) and hoja number.
 */
import { chance, type Random, randomInt } from './prng.ts';

export type TipoVia = 'calle' | 'avenida' | 'plaza' | 'paseo' | 'travesia' | 'camino' | 'ronda';

const TIPOS: readonly TipoVia[] = ['calle', 'avenida', 'plaza', 'paseo', 'travesia', 'camino', 'ronda'];

// biome-ignore format: a data table reads better packed
const STREET_NAMES: readonly string[] = [
  'Mayor', 'Real', 'Nueva', 'del Sol', 'de la Iglesia', 'de las Eras', 'del Molino', 'de los Almendros',
  'del Río', 'de la Fuente', 'de San Roque', 'de Santa Ana', 'del Pilar', 'de la Constitución', 'de Castilla',
  'de las Huertas', 'de la Estación', 'del Parque', 'de la Paz', 'de los Olmos', 'de las Acacias', 'del Pinar',
  'de la Ermita', 'de las Escuelas', 'del Mercado', 'de la Libertad', 'de Cervantes', 'de Antonio Machado',
  'de Miguel Delibes', 'de Rosalía de Castro', 'de Emilia Pardo Bazán', 'de Clara Campoamor', 'de la Vega',
  'del Cerro', 'de la Cuesta', 'del Prado', 'de los Rosales', 'de las Flores', 'de los Tilos', 'de la Alameda',
  'del Castillo', 'de la Muralla', 'del Puente', 'de la Plata', 'del Trigo', 'de la Vendimia', 'de los Pajares',
  'de las Bodegas', 'del Lavadero', 'de San Isidro', 'de Santiago', 'de San Juan', 'de San Antonio',
  'de la Cruz', 'de la Luna', 'de las Estrellas', 'del Horno', 'de la Noria', 'del Canal', 'de los Cerezos',
];

// biome-ignore format: a data table reads better packed
const DEDICATEES: readonly string[] = [
  'del Doctor Fleming', 'de la Maestra Josefa Ruiz', 'del Pintor Sorolla', 'del Poeta Jorge Guillén',
  'del Músico Antonio de Cabezón', 'del Ingeniero Torres Quevedo', 'de Concepción Arenal', 'de Ramón y Cajal',
  'del Maestro Rodrigo', 'de Carmen Martín Gaite', 'de la Científica Margarita Salas', 'del Arquitecto Gaudí',
];

export interface Street {
  readonly tipoVia: TipoVia;
  readonly nombreVia: string;
}

/**
 * The k-th street: every tipo with every name (420 streets), then every tipo with a dedication (84),
 * then the new quarters ("Ensanche 2"…) repeating them: enough for the dwellings of a million people.
 */
export function streetAt(k: number): Street {
  const perRound = (STREET_NAMES.length + DEDICATEES.length) * TIPOS.length;
  const round = Math.floor(k / perRound);
  const inRound = k % perRound;
  const names = inRound < STREET_NAMES.length * TIPOS.length ? STREET_NAMES : DEDICATEES;
  const index = names === STREET_NAMES ? inRound : inRound - STREET_NAMES.length * TIPOS.length;
  const name = names[index % names.length]!;
  return {
    tipoVia: TIPOS[Math.floor(index / names.length)]!,
    nombreVia: round === 0 ? name : `${name} (Ensanche ${round + 1})`,
  };
}

export interface Dwelling extends Street {
  readonly numero: number;
  readonly escalera: string | null;
  readonly planta: string | null;
  readonly puerta: string | null;
  readonly codigoPostal: string;
}

const DOORS = ['A', 'B', 'C', 'D'] as const;

interface Flat {
  readonly escalera: string | null;
  readonly planta: string | null;
  readonly puerta: string | null;
}

/**
 * Hands out dwellings street by street, number by number: a number is a single house (about a third)
 * or a block of flats with 2-8 floors of 2-4 doors and sometimes a bajo.
 */
export class DwellingCursor {
  readonly #random: Random;
  readonly #province: string;
  #street = -1;
  #streetLength = 0;
  #numero = 0;
  #pending: Flat[] = [];

  constructor(random: Random, ineCode: string) {
    this.#random = random;
    this.#province = ineCode.slice(0, 2);
  }

  next(): Dwelling {
    if (this.#pending.length === 0) this.#nextBuilding();
    const flat = this.#pending.shift()!;
    const street = streetAt(this.#street);
    return {
      ...street,
      numero: this.#numero,
      ...flat,
      // Four postal districts (made up) across the town; the province prefix is the real rule.
      codigoPostal: `${this.#province}${110 + (this.#street % 4) * 10}`,
    };
  }

  #nextBuilding(): void {
    if (this.#numero >= this.#streetLength) {
      this.#street += 1;
      this.#numero = 0;
      this.#streetLength = randomInt(this.#random, 12, 140);
    }
    this.#numero += 1;
    const random = this.#random;
    if (chance(random, 0.35)) {
      this.#pending = [{ escalera: null, planta: null, puerta: null }];
      return;
    }
    const floors = randomInt(random, 2, 8);
    const doors = randomInt(random, 2, 4);
    const escaleras = chance(random, 0.15) ? ['1', '2'] : [null];
    const flats: Flat[] = [];
    for (const escalera of escaleras) {
      if (chance(random, 0.4)) flats.push({ escalera, planta: 'BJ', puerta: 'A' });
      for (let floor = 1; floor <= floors; floor++) {
        for (let door = 0; door < doors; door++)
          flats.push({ escalera, planta: String(floor), puerta: DOORS[door]! });
      }
    }
    this.#pending = flats;
  }
}
