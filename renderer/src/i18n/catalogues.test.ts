/**
 * Every language has every text, and none is Spanish left untranslated: the type checker catches a
 * missing key, this catches a copy. A text may equal the Spanish only where the word really is the same
 * in that language (listed below, each a reviewed exception).
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES, type LanguageCode } from '../../../core/api/contract.ts';
import { catalogues } from './messages.ts';

type Leaf = { readonly path: string; readonly text: string };

/** Every text of a catalogue by its dotted path; a function is called with sample arguments. */
function leaves(value: unknown, path = ''): Leaf[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (typeof value === 'function') return [{ path: `${path}()`, text: String(value(3, 'XYZ')) }];
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key));
  }
  throw new Error(`${path}: unexpected ${typeof value}`);
}

/** Texts that are the same words in Spanish and in that language, each reviewed. */
const SAME_AS_SPANISH: Readonly<Record<Exclude<LanguageCode, 'es'>, readonly string[]>> = {
  ca: [
    'devices.cardReader', // Lector de DNIe
    'identification.greeting()', // Hola, …
    'identification.greetingNoName',
    'identification.showDigits', // Números
    'recibo.check', // Continuar
    'recibo.terminalSays', // El terminal indica:
    'session.pending.total()', // Total: …
    'session.volanteKind.individual.name', // Individual
  ],
  gl: [
    'access.language', // Idioma
    'access.repeat', // Repetir
    'access.speech', // Voz
    'deviceStates.busy', // Ocupado
    'deviceStates.ready', // Preparado
    'devices.cardReader',
    'devices.printer', // Impresora
    'devices.scanner', // Lector de códigos de barras
    'identification.cancel', // Cancelar
    'identification.confirm', // Aceptar
    'identification.deleteKey', // Borrar
    'identification.pinCount()', // 3 caracteres escritos
    'identification.showDigits',
    'identification.showLetters', // Letras
    'idle.secondsLeft()', // Quedan 3 segundos
    'recibo.cancel',
    'recibo.check',
    'recibo.csvLabel', // Código seguro de verificación (CSV)
    'recibo.deleteKey',
    'recibo.fields.emisora', // Emisora (6 cifras)
    'recibo.fields.importe', // Importe en euros
    'recibo.fields.referencia',
    'recibo.keypadLabel', // Teclado numérico
    'recibo.labels.concepto',
    'recibo.labels.emisora',
    'recibo.labels.identificacion',
    'recibo.labels.importe',
    'recibo.labels.referencia',
    'recibo.start', // Pagar un recibo
    'session.back', // Volver
    'session.done.csvLabel',
    'session.failed.payRecibo',
    'session.pending.pay()', // Pagar 3 recibos (…)
    'session.pending.selectLabel', // Pagar este recibo
    'session.pending.total()',
    'session.preview.confirm', // Imprimir
    'session.preview.documento', // Documento
    'session.preview.domicilio', // Domicilio
    'session.preview.kinds.colectivo', // Volante colectivo
    'session.preview.kinds.individual',
    'session.service.recibo.name',
    'session.volanteKind.colectivo.name',
    'session.volanteKind.individual.name',
  ],
  eu: [],
  en: ['session.pending.total()'],
};

describe('message catalogues', () => {
  const spanish = leaves(catalogues.es);

  it.each(LANGUAGE_CODES.filter((l) => l !== 'es'))('%s has exactly the keys of Spanish', (language) => {
    expect(leaves(catalogues[language]).map((l) => l.path)).toEqual(spanish.map((l) => l.path));
  });

  it.each(LANGUAGE_CODES.filter((l) => l !== 'es') as Exclude<LanguageCode, 'es'>[])(
    '%s translates every text (no Spanish copy beyond the reviewed exceptions)',
    (language) => {
      const own = new Map(leaves(catalogues[language]).map((l) => [l.path, l.text]));
      const copies = spanish.filter((l) => own.get(l.path) === l.text).map((l) => l.path);
      // Both ways: a new copy fails, and so does an exception that is no longer one.
      expect(copies.sort()).toEqual([...SAME_AS_SPANISH[language]].sort());
    },
  );

  it('leaves no text empty and names each language in itself', () => {
    for (const language of LANGUAGE_CODES) {
      for (const leaf of leaves(catalogues[language]))
        expect(leaf.text.trim(), `${language} ${leaf.path}`).not.toBe('');
    }
    expect(LANGUAGE_CODES.map((l) => catalogues[l].languageName)).toEqual([
      'Español',
      'Català',
      'Galego',
      'Euskara',
      'English',
    ]);
  });
});
