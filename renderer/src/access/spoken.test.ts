import { describe, expect, it } from 'vitest';
import {
  type IdentificationState,
  LANGUAGE_CODES,
  SESSION_FAILURE_REASONS,
  type SessionState,
} from '../../../core/api/contract.ts';
import { catalogues } from '../i18n/messages.ts';
import { spellCode, spokenText } from './spoken.ts';

const idle: IdentificationState = { state: 'idle' };
const es = catalogues.es;
const preview = {
  kind: 'colectivo' as const,
  municipio: 'Villademo',
  domicilio: { direccion: 'CALLE MAYOR 1, 2º B', codigoPostal: '47001' },
  personas: [
    { nombre: 'MARÍA JOSÉ ESPAÑOLA', documento: '99999999R', fechaNacimiento: '1980-01-02', fechaAlta: null },
  ],
  validezMeses: 3,
};

describe('what the kiosk says on each step', () => {
  it('reads the heading and the instruction of the step, in the session’s language', () => {
    expect(spokenText({ session: { step: 'idle' }, identification: idle, messages: es })).toBe(
      'Elija su idioma. Toque el idioma en el que quiere usar el cajero.',
    );
    const service: SessionState = { step: 'service', language: 'eu' };
    expect(spokenText({ session: service, identification: idle, messages: catalogues.eu })).toBe(
      'Zer egin nahi duzu? Aukeratu aukera bat. Erroldatze-agiria. Ordainagiri bat ordaindu. Ordaintzeke ditudan ordainagiriak.',
    );
    const working: SessionState = { step: 'working', language: 'ca', service: 'volante', what: 'printing' };
    expect(spokenText({ session: working, identification: idle, messages: catalogues.ca })).toBe(
      "S'està imprimint… Espereu un moment. No retireu el DNIe.",
    );
  });

  it('follows the identification inside its step, and never says the name or the PIN', () => {
    const session: SessionState = {
      step: 'identification',
      language: 'es',
      service: 'volante',
      kind: 'individual',
    };
    const say = (identification: IdentificationState) =>
      spokenText({ session, identification, messages: es });
    expect(say(idle)).toBe(`${es.session.identification.title}. ${es.session.identification.help}`);
    expect(say({ state: 'pin_required' })).toContain(es.identification.pinHelp);
    expect(say({ state: 'pin_wrong', triesLeft: 1 })).toContain('Le queda 1 intento');
    const greeted = say({ state: 'identified', givenName: 'MARÍA JOSÉ' });
    expect(greeted).not.toContain('MARÍA');
    expect(greeted).toContain(es.identification.identifiedNext);
    expect(say({ state: 'card_error', reason: 'certificado_caducado' })).toContain('ha caducado');
  });

  it('keeps the preview’s personal data off the loudspeaker, but spells the CSV and the validity', () => {
    const text = spokenText({
      session: { step: 'volante_preview', language: 'es', preview },
      identification: idle,
      messages: es,
    });
    for (const secret of ['MARÍA', '99999999R', 'CALLE MAYOR', '47001', '1980'])
      expect(text).not.toContain(secret);
    expect(text).toContain('Volante colectivo');
    expect(text).toContain('Válido durante 3 meses');
    const done = spokenText({
      session: {
        step: 'volante_done',
        language: 'gl',
        kind: 'individual',
        csv: 'AB12-CD34-EF56-GH78',
        verificationUrl: 'https://sede.example/verificar',
        validUntil: '2027-02-23',
        printed: false,
      },
      identification: idle,
      messages: catalogues.gl,
    });
    expect(done).toContain('A B 1 2, C D 3 4, E F 5 6, G H 7 8');
    expect(done).toContain('23 de febreiro de 2027');
    expect(done).toContain(catalogues.gl.session.done.notPrinted);
  });

  it('says every failure reason in plain words in every language', () => {
    for (const language of LANGUAGE_CODES) {
      for (const reason of SESSION_FAILURE_REASONS) {
        const text = spokenText({
          session: { step: 'failed', language, service: 'volante', reason },
          identification: idle,
          messages: catalogues[language],
        });
        expect(text).toContain(catalogues[language].session.failed.reasons[reason]);
      }
    }
  });

  it("reads the municipality's office for help in person with a failure, when there is one", () => {
    const office = 'Oficina del Padrón, Plaza Mayor 1';
    const text = spokenText({
      session: {
        step: 'failed',
        language: 'eu',
        service: 'volante',
        reason: 'persona_no_empadronada',
        oficinaAtencion: office,
      },
      identification: idle,
      messages: catalogues.eu,
    });
    expect(text).toContain(`${catalogues.eu.session.failed.helpInPerson} ${office}`);
  });

  it('reminds to take the DNIe only when one is in the reader', () => {
    const say = (takeCard: boolean) =>
      spokenText({
        session: { step: 'goodbye', language: 'en', takeCard },
        identification: idle,
        messages: catalogues.en,
      });
    expect(say(true)).toContain('take your DNIe');
    expect(say(false)).not.toContain('DNIe');
  });

  it('spells codes a character at a time', () => {
    expect(spellCode('X7Q2-00AB')).toBe('X 7 Q 2, 0 0 A B');
  });
});
