/**
 * Sample data for every document, for `kioskctl printer preview`, the benchmark and the wire tests.
 * Everything here is fictitious: the municipality, the people, the CSV (not from any signing
 * platform), the card data (a well-known test PAN, only its last digits printed) and the hosts
 * (`.example` is reserved, RFC 2606). The DNI 12345678Z is the usual checksum-valid test value.
 */

import type { CodePage } from '../codepage.ts';
import type { PrintDocument } from '../document.ts';
import type { PaperWidthMm } from '../wrap.ts';
import { type CierreDiarioInput, cierreDiario } from './cierre.ts';
import type { IssueContext, Verification } from './common.ts';
import { type JustificantePagoInput, justificantePago } from './justificante.ts';
import { type ReciboTerminalInput, reciboTerminal } from './recibo-terminal.ts';
import { printerTestPage } from './test-page.ts';
import {
  type PersonaInscrita,
  type VolanteColectivoInput,
  volanteColectivo,
  volanteIndividual,
} from './volante.ts';

export const SAMPLE_DOCUMENTS = [
  'volante-individual',
  'volante-colectivo',
  'justificante',
  'recibo-terminal',
  'cierre',
  'prueba',
] as const;
export type SampleDocumentName = (typeof SAMPLE_DOCUMENTS)[number];

export function isSampleDocumentName(name: string): name is SampleDocumentName {
  return (SAMPLE_DOCUMENTS as readonly string[]).includes(name);
}

export interface SampleOptions {
  readonly paperWidthMm: PaperWidthMm;
  readonly codePage: CodePage;
  readonly issuedAt: Date;
}

export const SAMPLE_VERIFICATION: Verification = {
  csv: 'EJEMPLO0CSV0FICTICIO00001',
  verificationUrl: 'https://sede.villaejemplo.example/verificar',
};

export function sampleContext(issuedAt: Date): IssueContext {
  return {
    municipality: { name: 'Ayuntamiento de Villaejemplo', nif: 'P9999999J' },
    kioskId: 'CAJERO-DEMO-01',
    issuedAt,
    timeZone: 'Europe/Madrid',
  };
}

export const SAMPLE_PERSONAS: readonly PersonaInscrita[] = [
  {
    nombreCompleto: 'María Ejemplo Ficticia Núñez',
    documentoIdentidad: '12345678Z',
    fechaNacimiento: '1980-02-29',
    lugarNacimiento: 'Villaejemplo',
    nacionalidad: 'España',
    fechaAlta: '2015-06-01',
    motivoAlta: 'Cambio de residencia',
  },
  {
    nombreCompleto: 'Íñigo Ejemplo Ficticio Peña',
    documentoIdentidad: 'X1234567L',
    fechaNacimiento: '2012-10-12',
    nacionalidad: 'España',
    fechaAlta: '2015-06-01',
    motivoAlta: 'Cambio de residencia',
  },
  {
    nombreCompleto: 'Lucía Ejemplo Ficticia',
    documentoIdentidad: 'Menor sin documento',
    fechaNacimiento: '2019-04-03',
    nacionalidad: 'España',
    fechaAlta: '2019-04-03',
    motivoAlta: 'Nacimiento',
  },
];

const VOLANTE_BASE = {
  domicilio: 'Calle Mayor de Ejemplo 12, 3º B, 99999 Villaejemplo',
  validezMeses: 3,
  finalidad: 'Trámites municipales',
  verification: SAMPLE_VERIFICATION,
  avisoPrivacidad:
    'Responsable: Ayuntamiento de Villaejemplo. Finalidad: gestión del Padrón. Más información en la sede electrónica.',
} as const;

export function sampleVolanteColectivo(issuedAt: Date): VolanteColectivoInput {
  return { ...sampleContext(issuedAt), ...VOLANTE_BASE, personas: SAMPLE_PERSONAS };
}

export function sampleJustificante(issuedAt: Date): JustificantePagoInput {
  return {
    ...sampleContext(issuedAt),
    numeroJustificante: 'DEMO01-2026-000123',
    recibo: {
      concepto: 'Impuesto sobre Bienes Inmuebles (ejemplo)',
      ejercicio: '2026',
      emisora: '999999',
      referencia: '123456789012',
      identificacion: '1234567890',
      importeCents: 123456,
      titular: '***5678Z',
    },
    pago: {
      marca: 'VISA',
      panUltimos4: '0000',
      comercio: '999999999',
      terminal: '99000001',
      autorizacion: 'EJ1234',
      operacion: '000123',
    },
    provisional: false,
    verification: SAMPLE_VERIFICATION,
  };
}

export function sampleReciboTerminal(issuedAt: Date): ReciboTerminalInput {
  return {
    ...sampleContext(issuedAt),
    copy: 'customer',
    numeroJustificante: 'DEMO01-2026-000123',
    verification: SAMPLE_VERIFICATION,
    lines: [
      '     ENTIDAD DE EJEMPLO S.A.',
      'COMERCIO: 999999999',
      'TERMINAL: 99000001',
      'FECHA: 23/11/26     HORA: 14:05',
      '',
      'VISA            SIN CONTACTO',
      'TARJ: ************0000',
      'AID: A0000000031010',
      'Nº OPER.: 000123',
      'OPER: VENTA   AUTORIZ: EJ1234',
      'IMPORTE:          1.234,56 EUR',
      '',
      '       OPERACION APROBADA',
      '     COPIA PARA EL CLIENTE',
    ],
  };
}

export function sampleCierre(issuedAt: Date): CierreDiarioInput {
  return {
    ...sampleContext(issuedAt),
    businessDate: '2026-11-23',
    terminalId: '99000001',
    kiosk: [
      {
        cardType: 'VISA',
        approved: { count: 7, totalCents: 84_230 },
        declined: { count: 1, totalCents: 4_500 },
        reversed: { count: 1, totalCents: 2_000 },
      },
      {
        cardType: 'Mastercard',
        approved: { count: 4, totalCents: 51_075 },
        declined: { count: 0, totalCents: 0 },
        reversed: { count: 0, totalCents: 0 },
      },
    ],
    terminal: {
      schemes: [
        { scheme: 'Visa', count: 6, totalCents: 82_230 },
        { scheme: 'MASTERCARD', count: 3, totalCents: 38_575 },
      ],
      totalCents: 120_805,
      firstReceiptNumber: 101,
      lastReceiptNumber: 112,
    },
    incidencias: ['Pago del 23/11/2026 18:42 (125,00 €) con resultado desconocido: revisar con la entidad.'],
    verification: SAMPLE_VERIFICATION,
  };
}

/** One document filled with the sample data above. */
export function sampleDocument(name: SampleDocumentName, options: SampleOptions): PrintDocument {
  const { issuedAt } = options;
  switch (name) {
    case 'volante-individual': {
      const [persona] = SAMPLE_PERSONAS;
      if (persona === undefined) throw new RangeError('no sample persona');
      return volanteIndividual({ ...sampleContext(issuedAt), ...VOLANTE_BASE, persona });
    }
    case 'volante-colectivo':
      return volanteColectivo(sampleVolanteColectivo(issuedAt));
    case 'justificante':
      return justificantePago(sampleJustificante(issuedAt));
    case 'recibo-terminal':
      return reciboTerminal(sampleReciboTerminal(issuedAt));
    case 'cierre':
      return cierreDiario(sampleCierre(issuedAt));
    case 'prueba':
      return printerTestPage({
        ...sampleContext(issuedAt),
        paperWidthMm: options.paperWidthMm,
        codePage: options.codePage,
        verification: SAMPLE_VERIFICATION,
      });
  }
}
