/**
 * Name and surname lists for the synthetic padrón, with relative weights. The weights follow the
 * shape of INE's "Nombres y apellidos más frecuentes" statistics (most frequent names of the whole
 * population, in thousands); the figures are rounded from memory, not copied from the tables
 * ([VERIFY] against INE's current release if realism ever matters more than plausibility).
 */
import { type WeightedList, weighted } from './prng.ts';

// biome-ignore format: a data table reads better packed
export const MALE_NAMES: WeightedList<string> = weighted([
  ['Antonio', 660], ['Manuel', 590], ['José', 590], ['Francisco', 530], ['David', 390], ['Juan', 375],
  ['José Antonio', 360], ['Javier', 340], ['Daniel', 325], ['José Luis', 315], ['Francisco Javier', 300],
  ['Carlos', 295], ['Jesús', 285], ['Alejandro', 280], ['Miguel', 250], ['José Manuel', 245], ['Rafael', 220],
  ['Miguel Ángel', 215], ['Pablo', 210], ['Pedro', 210], ['Ángel', 200], ['Sergio', 195], ['José María', 185],
  ['Fernando', 185], ['Jorge', 175], ['Luis', 175], ['Alberto', 160], ['Álvaro', 155], ['Juan Carlos', 150],
  ['Adrián', 145], ['Diego', 140], ['Juan José', 138], ['Raúl', 135], ['Iván', 130], ['Rubén', 120],
  ['Juan Antonio', 120], ['Enrique', 118], ['Óscar', 112], ['Ramón', 110], ['Andrés', 108], ['Vicente', 105],
  ['Santiago', 100], ['Joaquín', 98], ['Víctor', 98], ['Mario', 90], ['Eduardo', 85], ['Marcos', 80],
  ['Roberto', 78], ['Jaime', 75], ['Ignacio', 72],
]);

// biome-ignore format: a data table reads better packed
export const FEMALE_NAMES: WeightedList<string> = weighted([
  ['María Carmen', 640], ['María', 610], ['Carmen', 390], ['Ana María', 320], ['Laura', 300],
  ['María Pilar', 290], ['María Dolores', 280], ['Isabel', 260], ['Josefa', 250], ['María Teresa', 240],
  ['Ana', 240], ['Cristina', 210], ['Marta', 210], ['María Ángeles', 205], ['Lucía', 200], ['María Isabel', 200],
  ['María José', 195], ['Francisca', 190], ['Antonia', 185], ['Dolores', 180], ['Sara', 165], ['Paula', 165],
  ['Elena', 160], ['María Luisa', 155], ['Raquel', 145], ['Rosa María', 140], ['Manuela', 135],
  ['María Jesús', 135], ['Pilar', 135], ['Concepción', 130], ['Mercedes', 125], ['Julia', 120], ['Beatriz', 115],
  ['Nuria', 110], ['Silvia', 110], ['Rosario', 105], ['Irene', 105], ['Alba', 100], ['Juana', 100],
  ['Rocío', 95], ['Andrea', 95], ['Teresa', 95], ['Montserrat', 90], ['Encarnación', 85], ['Patricia', 85],
  ['Alicia', 80], ['Marina', 75], ['Sonia', 75], ['Inmaculada', 72], ['Eva', 70],
]);

/** Names given to children born since about 2008 (INE "nombres de los recién nacidos"), for minors. */
// biome-ignore format: a data table reads better packed
export const BOY_NAMES: WeightedList<string> = weighted([
  ['Hugo', 50], ['Martín', 48], ['Lucas', 45], ['Mateo', 44], ['Leo', 40], ['Daniel', 38], ['Alejandro', 37],
  ['Pablo', 35], ['Manuel', 33], ['Álvaro', 31], ['Adrián', 30], ['Mario', 29], ['Enzo', 26], ['Diego', 25],
  ['David', 24], ['Oliver', 22], ['Marcos', 22], ['Thiago', 20], ['Marco', 19], ['Álex', 18],
]);

// biome-ignore format: a data table reads better packed
export const GIRL_NAMES: WeightedList<string> = weighted([
  ['Lucía', 50], ['Sofía', 46], ['Martina', 45], ['María', 42], ['Julia', 38], ['Paula', 36], ['Valeria', 34],
  ['Emma', 32], ['Daniela', 30], ['Carla', 29], ['Alba', 28], ['Noa', 26], ['Alma', 25], ['Sara', 24],
  ['Carmen', 23], ['Vega', 21], ['Lara', 20], ['Mía', 19], ['Valentina', 18], ['Olivia', 17],
]);

/** First surnames, INE's most frequent (thousands of holders, rounded). */
// biome-ignore format: a data table reads better packed
export const SURNAMES: WeightedList<string> = weighted([
  ['García', 1450], ['Rodríguez', 925], ['González', 920], ['Fernández', 900], ['López', 865], ['Martínez', 835],
  ['Sánchez', 815], ['Pérez', 780], ['Gómez', 490], ['Martín', 485], ['Jiménez', 390], ['Ruiz', 365],
  ['Hernández', 360], ['Díaz', 345], ['Moreno', 340], ['Muñoz', 295], ['Álvarez', 290], ['Romero', 240],
  ['Alonso', 225], ['Gutiérrez', 220], ['Navarro', 205], ['Torres', 200], ['Domínguez', 195], ['Vázquez', 180],
  ['Ramos', 180], ['Gil', 175], ['Ramírez', 170], ['Serrano', 165], ['Blanco', 160], ['Molina', 155],
  ['Morales', 150], ['Suárez', 150], ['Ortega', 145], ['Delgado', 140], ['Castro', 140], ['Ortiz', 135],
  ['Rubio', 130], ['Marín', 130], ['Sanz', 125], ['Núñez', 120], ['Iglesias', 118], ['Medina', 117],
  ['Garrido', 115], ['Cortés', 110], ['Castillo', 110], ['Santos', 108], ['Lozano', 105], ['Guerrero', 105],
  ['Cano', 103], ['Prieto', 100], ['Méndez', 98], ['Cruz', 97], ['Calvo', 96], ['Gallego', 95], ['Herrera', 93],
  ['Márquez', 92], ['León', 91], ['Vidal', 90], ['Peña', 88], ['Flores', 87], ['Cabrera', 86], ['Campos', 85],
  ['Vega', 84], ['Fuentes', 82], ['Carrasco', 81], ['Díez', 80], ['Reyes', 78], ['Caballero', 77], ['Nieto', 76],
  ['Aguilar', 75], ['Pascual', 74], ['Santana', 73], ['Herrero', 72], ['Montero', 71], ['Lorenzo', 70],
  ['Hidalgo', 69], ['Giménez', 68], ['Ibáñez', 67], ['Ferrer', 66], ['Durán', 65], ['Santiago', 64],
  ['Benítez', 63], ['Vargas', 62], ['Mora', 61], ['Vicente', 60], ['Arias', 59], ['Carmona', 58], ['Crespo', 57],
  ['Román', 56], ['Pastor', 55], ['Soto', 54], ['Sáez', 53], ['Velasco', 52], ['Moya', 51], ['Soler', 50],
  ['Parra', 49], ['Esteban', 48], ['Bravo', 47], ['Gallardo', 46], ['Rojas', 45],
]);

/** Where foreign residents come from (ISO 3166-1 alpha-3), weighted roughly like INE's foreign population. */
export type NameOrigin = 'hispanic' | 'maghrebi' | 'romanian' | 'british';

export interface Nationality {
  readonly code: string;
  /** Country name as lugar de nacimiento. */
  readonly country: string;
  readonly origin: NameOrigin;
}

export const FOREIGN_NATIONALITIES: WeightedList<Nationality> = weighted([
  [{ code: 'MAR', country: 'Marruecos', origin: 'maghrebi' }, 20],
  [{ code: 'ROU', country: 'Rumanía', origin: 'romanian' }, 15],
  [{ code: 'COL', country: 'Colombia', origin: 'hispanic' }, 14],
  [{ code: 'VEN', country: 'Venezuela', origin: 'hispanic' }, 10],
  [{ code: 'GBR', country: 'Reino Unido', origin: 'british' }, 8],
  [{ code: 'ECU', country: 'Ecuador', origin: 'hispanic' }, 6],
  [{ code: 'PER', country: 'Perú', origin: 'hispanic' }, 5],
  [{ code: 'ARG', country: 'Argentina', origin: 'hispanic' }, 5],
  [{ code: 'HND', country: 'Honduras', origin: 'hispanic' }, 5],
]);

/** Non-Hispanic naming customs: one surname, names of the country (small uniform lists). */
export const FOREIGN_NAMES: Readonly<
  Record<
    Exclude<NameOrigin, 'hispanic'>,
    { male: readonly string[]; female: readonly string[]; surnames: readonly string[] }
  >
> = {
  maghrebi: {
    male: ['Mohamed', 'Ahmed', 'Youssef', 'Hassan', 'Said', 'Rachid', 'Karim', 'Omar', 'Adam', 'Ilyas'],
    female: ['Fatima', 'Khadija', 'Aicha', 'Naima', 'Malika', 'Samira', 'Salma', 'Nour', 'Yasmina', 'Hiba'],
    surnames: [
      'El Amrani',
      'Benali',
      'El Idrissi',
      'Alaoui',
      'Bennani',
      'Tazi',
      'El Fassi',
      'Ouali',
      'Berrada',
      'Ziani',
    ],
  },
  romanian: {
    male: [
      'Ion',
      'Andrei',
      'Mihai',
      'Gheorghe',
      'Alexandru',
      'Florin',
      'Constantin',
      'Stefan',
      'Vasile',
      'Adrian',
    ],
    female: [
      'Maria',
      'Elena',
      'Ioana',
      'Andreea',
      'Mihaela',
      'Ana',
      'Gabriela',
      'Cristina',
      'Alina',
      'Daniela',
    ],
    surnames: [
      'Popescu',
      'Ionescu',
      'Popa',
      'Dumitru',
      'Stan',
      'Stoica',
      'Gheorghe',
      'Matei',
      'Ciobanu',
      'Rusu',
    ],
  },
  british: {
    male: ['John', 'David', 'Michael', 'Paul', 'Peter', 'James', 'Robert', 'Richard', 'Mark', 'Thomas'],
    female: ['Susan', 'Margaret', 'Sarah', 'Elizabeth', 'Jane', 'Mary', 'Patricia', 'Linda', 'Helen', 'Emma'],
    surnames: [
      'Smith',
      'Jones',
      'Taylor',
      'Brown',
      'Williams',
      'Wilson',
      'Johnson',
      'Davies',
      'Evans',
      'Walker',
    ],
  },
};

/** Birthplaces of Spaniards not born in the municipality (around a Castilian town). */
// biome-ignore format: a data table reads better packed
export const SPANISH_BIRTHPLACES: WeightedList<string> = weighted([
  ['Valladolid', 30], ['Madrid', 18], ['Palencia', 8], ['León', 7], ['Salamanca', 7], ['Burgos', 6],
  ['Zamora', 6], ['Segovia', 5], ['Ávila', 4], ['Barcelona', 4], ['Bilbao', 3], ['Sevilla', 2], ['Oviedo', 2],
]);
