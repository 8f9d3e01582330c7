import { describe, expect, it } from 'vitest';
import type { Block } from '../../drivers/printer/index.ts';
import type { IssueAnswer, PersonaWire, PreviewAnswer } from '../citizen-access/index.ts';
import {
  defaultAvisoPrivacidad,
  localIsoDate,
  previewView,
  townOf,
  volantePrintDocument,
} from './volante-view.ts';

const persona = (nombre: string, documento: string | null): PersonaWire => ({
  nombre,
  apellido1: 'EJEMPLO',
  apellido2: null,
  documento,
  fechaNacimiento: '2012-10-12',
  lugarNacimiento: null,
  nacionalidad: 'España',
  fechaAlta: '2015-06-01',
  motivoAlta: 'Nacimiento',
});

const csv = 'VAAAABBBBCCCCDDDDEEEEFFFF';
function issued(kind: 'individual' | 'colectivo', personas: PersonaWire[]): IssueAnswer {
  return {
    csv,
    kind,
    issuedAt: '2026-11-23T10:00:00.000Z',
    validUntil: '2027-02-23T10:00:00.000Z',
    verificationUrl: `https://sede.example/verificar?csv=${csv}`,
    document: {
      documento: 'volante_empadronamiento',
      clase: kind,
      csv,
      municipio: { codigoIne: '47186', nombre: 'Valladolid' },
      expedidoEn: '2026-11-23T10:00:00.000Z',
      validoHasta: '2027-02-23T10:00:00.000Z',
      domicilio: { hoja: 3, direccion: 'Calle Mayor 1', codigoPostal: '47001' },
      personas,
      urlVerificacion: `https://sede.example/verificar?csv=${csv}`,
    },
    canonical: '{}',
    dataHash: '0'.repeat(64),
    seal: 'AAAA',
  };
}

const context = {
  municipalityName: 'Ayuntamiento de Valladolid',
  kioskId: 'VLL-001',
  timeZone: 'Europe/Madrid',
  avisoPrivacidad: 'Aviso de prueba.',
};

const texts = (blocks: readonly Block[]) =>
  blocks.flatMap((b) =>
    b.kind === 'text'
      ? [b.text]
      : b.kind === 'keyValue'
        ? [`${b.label}: ${b.value}`]
        : b.kind === 'qr'
          ? [b.data]
          : [],
  );

describe('the volante on paper', () => {
  it("says the padrón's motivo de alta in words, not central's code", () => {
    const moved = { ...persona('LUIS', '00000001R'), motivoAlta: 'cambio_residencia' };
    const born = { ...persona('ANA', null), motivoAlta: 'nacimiento' };
    const lines = texts(volantePrintDocument(issued('colectivo', [moved, born]), 3, context).blocks);
    expect(lines).toContain('Motivo: Cambio de residencia');
    expect(lines).toContain('Motivo: Nacimiento');
    expect(lines.join('\n')).not.toContain('cambio_residencia');
  });

  it('lays out an individual volante: the person, the domicile, the CSV and the QR to the page', () => {
    const doc = volantePrintDocument(issued('individual', [persona('ANA', '00000000T')]), 3, context);
    const lines = texts(doc.blocks);
    expect(lines).toContain('Individual');
    expect(lines).toContain('ANA EJEMPLO');
    expect(lines).toContain('Documento: 00000000T');
    expect(lines).toContain('Motivo: Nacimiento');
    expect(lines).toContain('Calle Mayor 1, 47001 Valladolid');
    expect(lines).toContain(`CSV: ${csv}`);
    expect(lines).toContain(`https://sede.example/verificar?csv=${csv}`);
    expect(lines.join('\n')).toContain('Validez habitual: 3 meses');
    // The sentence names the page; only the QR carries the CSV in the link.
    expect(lines).toContain(
      'Puede verificar la integridad de este documento en https://sede.example/verificar',
    );
  });

  it('lays out a colectivo with every person, minors without a document included', () => {
    const doc = volantePrintDocument(
      issued('colectivo', [persona('ANA', '00000000T'), persona('LUCÍA', null)]),
      3,
      context,
    );
    const lines = texts(doc.blocks);
    expect(lines).toContain('Colectivo (convivencia)');
    expect(lines).toContain('Personas inscritas: 2');
    expect(lines).toContain('LUCÍA EJEMPLO');
    expect(lines).toContain('Documento: Sin documento');
  });
});

describe('the texts at the foot of the volante', () => {
  const aviso = 'Responsable: Ayuntamiento de Valladolid. Derechos en la Oficina del Padrón.';
  const pie = 'Este volante tiene carácter informativo y no sustituye a la certificación (art. 61 RPDT).';
  const withTextos = (textos: IssueAnswer['document']['textos']): IssueAnswer => {
    const answer = issued('individual', [persona('ANA', '00000000T')]);
    return { ...answer, document: { ...answer.document, textos } };
  };

  it("prints the document's sealed texts, its legal note above its notice, not the configuration's", () => {
    const lines = texts(
      volantePrintDocument(withTextos({ avisoPrivacidad: aviso, pieVolante: pie }), 3, context).blocks,
    );
    expect(lines).toContain(aviso);
    expect(lines).toContain(pie);
    expect(lines.indexOf(pie)).toBeLessThan(lines.indexOf(aviso));
    expect(lines).not.toContain(context.avisoPrivacidad);
  });

  it('prints no legal note when the document has none (null or blank)', () => {
    for (const pieVolante of [null, '  ']) {
      const doc = volantePrintDocument(withTextos({ avisoPrivacidad: aviso, pieVolante }), 3, context);
      const lines = texts(doc.blocks);
      expect(lines).toContain(aviso);
      expect(lines.filter((l) => l.trim() === '')).toEqual([]);
      expect(doc.blocks.length).toBe(
        volantePrintDocument(withTextos({ avisoPrivacidad: aviso, pieVolante: pie }), 3, context).blocks
          .length - 2,
      );
    }
  });

  it("without texts in the document (older central) prints the configuration's notice, else the default", () => {
    const older = issued('individual', [persona('ANA', '00000000T')]);
    expect(texts(volantePrintDocument(older, 3, context).blocks)).toContain('Aviso de prueba.');
    for (const avisoPrivacidad of [null, undefined, '']) {
      const lines = texts(volantePrintDocument(older, 3, { ...context, avisoPrivacidad }).blocks);
      expect(lines).toContain(defaultAvisoPrivacidad('Ayuntamiento de Valladolid'));
      expect(lines).not.toContain('Aviso de prueba.');
    }
  });
});

describe('townOf', () => {
  it('names the town, not the council', () => {
    expect(townOf('Ayuntamiento de Villademo')).toBe('Villademo');
    expect(townOf("Ajuntament d'Olot")).toBe('Olot');
    expect(townOf('Concello de Lugo')).toBe('Lugo');
    expect(townOf('Valladolid')).toBe('Valladolid');
  });
});

describe('the preview on screen', () => {
  it('shows names in full and dates as they are; refuses what the contract cannot carry', () => {
    const answer: PreviewAnswer = {
      grantId: 'a'.repeat(32),
      expiresAt: '2026-11-23T10:05:00.000Z',
      kind: 'colectivo',
      preview: {
        municipio: { codigoIne: '47186', nombre: 'Ayuntamiento de Valladolid' },
        domicilio: { hoja: 3, direccion: 'Calle Mayor 1', codigoPostal: '47001' },
        personas: [persona('ANA', null)],
        validezMeses: 3,
      },
    };
    // The town, as the paper prints it under the address.
    expect(previewView(answer)?.municipio).toBe('Valladolid');
    expect(previewView(answer)?.personas).toEqual([
      { nombre: 'ANA EJEMPLO', documento: null, fechaNacimiento: '2012-10-12', fechaAlta: '2015-06-01' },
    ]);
    const tooLong = {
      ...answer,
      preview: { ...answer.preview, municipio: { codigoIne: '47186', nombre: 'x'.repeat(201) } },
    };
    expect(previewView(tooLong)).toBeUndefined();
  });

  it('says "valid until" in the municipality\'s calendar', () => {
    expect(localIsoDate('2027-02-22T23:30:00.000Z', 'Europe/Madrid')).toBe('2027-02-23');
    expect(localIsoDate('2027-02-22T23:30:00.000Z', 'Atlantic/Canary')).toBe('2027-02-22');
  });
});
