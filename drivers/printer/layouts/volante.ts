/**
 * Volantes de empadronamiento (spanish-formats.md §4): informative documents with the inscription
 * data of one person (individual) or of everyone inscribed at a domicile (colectivo). Central
 * issues the data and the CSV; this only lays them out. Print only what the authenticated
 * requester may see: the caller decides which personas go in.
 */

import { type Block, block, type PrintDocument } from '../document.ts';
import {
  ending,
  formatIsoDate,
  header,
  type IssueContext,
  type Verification,
  verificationBlocks,
} from './common.ts';

export interface PersonaInscrita {
  readonly nombreCompleto: string;
  /** DNI, NIE or passport as it must be printed (the requester's own data). */
  readonly documentoIdentidad: string;
  /** aaaa-mm-dd */
  readonly fechaNacimiento: string;
  readonly lugarNacimiento?: string;
  readonly nacionalidad?: string;
  /** aaaa-mm-dd: alta in the municipality or domicile. */
  readonly fechaAlta: string;
  /** nacimiento, cambio de residencia, omisión… */
  readonly motivoAlta?: string;
}

interface VolanteBase extends IssueContext {
  readonly domicilio: string;
  /** How long receiving bodies usually accept it; configurable, printed (spanish-formats.md §4). */
  readonly validezMeses: number;
  readonly finalidad?: string;
  readonly verification: Verification;
  /** First-layer privacy notice (LOPDGDD art. 11), from the municipality's configuration. */
  readonly avisoPrivacidad: string;
  /** The municipality's legal note on the volante (e.g. art. 61 RPDT), printed above the notice. */
  readonly pieVolante?: string;
}

export interface VolanteIndividualInput extends VolanteBase {
  readonly persona: PersonaInscrita;
}

export interface VolanteColectivoInput extends VolanteBase {
  readonly personas: readonly PersonaInscrita[];
}

function personaBlocks(persona: PersonaInscrita): Block[] {
  const blocks: Block[] = [
    block.text(persona.nombreCompleto, { bold: true }),
    block.keyValue('Documento', persona.documentoIdentidad),
    block.keyValue('Fecha de nacimiento', formatIsoDate(persona.fechaNacimiento)),
  ];
  if (persona.lugarNacimiento !== undefined)
    blocks.push(block.keyValue('Lugar de nacimiento', persona.lugarNacimiento));
  if (persona.nacionalidad !== undefined) blocks.push(block.keyValue('Nacionalidad', persona.nacionalidad));
  blocks.push(block.keyValue('Fecha de alta', formatIsoDate(persona.fechaAlta)));
  if (persona.motivoAlta !== undefined) blocks.push(block.keyValue('Motivo', persona.motivoAlta));
  return blocks;
}

function legend(input: VolanteBase): Block[] {
  const blocks: Block[] = [
    block.rule(),
    block.text(
      'Documento informativo de los datos que constan en el Padrón municipal de habitantes ' +
        '(arts. 15-17 de la Ley 7/1985, de Bases del Régimen Local).',
    ),
    block.text(`Validez habitual: ${input.validezMeses} meses desde su emisión.`),
  ];
  if (input.finalidad !== undefined) blocks.push(block.text(`Finalidad: ${input.finalidad}`));
  if (input.pieVolante !== undefined) blocks.push(block.feed(1), block.text(input.pieVolante));
  blocks.push(block.feed(1), block.text(input.avisoPrivacidad));
  return blocks;
}

export function volanteIndividual(input: VolanteIndividualInput): PrintDocument {
  return {
    blocks: [
      ...header(input, 'VOLANTE DE EMPADRONAMIENTO'),
      block.text('Individual', { align: 'center' }),
      block.feed(1),
      ...personaBlocks(input.persona),
      block.text('Domicilio:'),
      block.text(input.domicilio, { bold: true }),
      ...legend(input),
      ...verificationBlocks(input.verification),
      ...ending(),
    ],
  };
}

export function volanteColectivo(input: VolanteColectivoInput): PrintDocument {
  const personas = input.personas.flatMap((persona, i) => [
    ...(i === 0 ? [] : [block.rule()]),
    block.text(`${i + 1}.`),
    ...personaBlocks(persona),
  ]);
  return {
    blocks: [
      ...header(input, 'VOLANTE DE EMPADRONAMIENTO'),
      block.text('Colectivo (convivencia)', { align: 'center' }),
      block.feed(1),
      block.text('Domicilio:'),
      block.text(input.domicilio, { bold: true }),
      block.keyValue('Personas inscritas', String(input.personas.length)),
      block.rule(),
      // Central would not normally issue this, but a blank list must still say so on paper.
      ...(personas.length === 0
        ? [block.text('No constan personas inscritas en este domicilio.')]
        : personas),
      ...legend(input),
      ...verificationBlocks(input.verification),
      ...ending(),
    ],
  };
}
