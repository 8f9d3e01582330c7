import { describe, expect, it } from 'vitest';
import { defaultPreferences, rootClasses, toggled } from './preferences.ts';
import { pickVoice, type SynthesisLike, webSpeaker } from './speech.ts';

interface Said {
  text: string;
  lang: string;
  voice: string;
  rate: number;
  volume: number;
}

function fakeSynthesis(voices: Array<{ lang: string; name: string; default?: boolean }>) {
  const said: Said[] = [];
  let cancels = 0;
  const synthesis: SynthesisLike = {
    getVoices: () => voices,
    speak: (u) =>
      said.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? '', rate: u.rate, volume: u.volume }),
    cancel: () => {
      cancels += 1;
    },
  };
  const utterance = (text: string) => ({ text }) as unknown as SpeechSynthesisUtterance;
  return { synthesis, said, utterance, cancels: () => cancels };
}

describe('speech output', () => {
  it('speaks with a voice of the session’s language, Spain’s variant first, at the configured rate and volume', () => {
    const fake = fakeSynthesis([
      { lang: 'es-MX', name: 'México' },
      { lang: 'es-ES', name: 'España' },
      { lang: 'ca-ES', name: 'Català' },
    ]);
    const speaker = webSpeaker(fake.synthesis, { rate: 0.9, volumePercent: 70 }, fake.utterance);
    speaker.say('Elija su idioma.', 'es');
    speaker.say('Trieu la llengua.', 'ca');
    expect(fake.said).toEqual([
      { text: 'Elija su idioma.', lang: 'es-ES', voice: 'España', rate: 0.9, volume: 0.7 },
      { text: 'Trieu la llengua.', lang: 'ca-ES', voice: 'Català', rate: 0.9, volume: 0.7 },
    ]);
    // Each new text cuts the previous one off (EN 301 549 5.1.3.5).
    expect(fake.cancels()).toBe(2);
  });

  it('stays quiet when the browser has no voice, or none for the language', () => {
    const none = fakeSynthesis([]);
    webSpeaker(none.synthesis, { rate: 1, volumePercent: 100 }, none.utterance).say('Hola.', 'es');
    expect(none.said).toEqual([]);
    const spanishOnly = fakeSynthesis([{ lang: 'es-ES', name: 'España' }]);
    webSpeaker(spanishOnly.synthesis, { rate: 1, volumePercent: 100 }, spanishOnly.utterance).say(
      'Kaixo.',
      'eu',
    );
    expect(spanishOnly.said).toEqual([]);
    expect(() => webSpeaker(undefined, { rate: 1, volumePercent: 100 }).say('x', 'es')).not.toThrow();
  });

  it('keeps rate and volume inside what the API accepts', () => {
    const fake = fakeSynthesis([{ lang: 'en-GB', name: 'British' }]);
    webSpeaker(fake.synthesis, { rate: 40, volumePercent: 250 }, fake.utterance).say('Hello.', 'en');
    expect(fake.said[0]).toMatchObject({ rate: 10, volume: 1 });
  });

  it('matches a voice by its language subtag only', () => {
    expect(pickVoice([{ lang: 'eus', name: 'x' }], 'eu')).toBeUndefined();
    expect(pickVoice([{ lang: 'eu_ES', name: 'y' }], 'eu')?.name).toBe('y');
    expect(
      pickVoice(
        [
          { lang: 'en-US', name: 'a' },
          { lang: 'en-GB', name: 'b', default: true },
        ],
        'en',
      )?.name,
    ).toBe('b');
  });
});

describe('accessibility preferences', () => {
  const info = {
    accessibility: {
      highContrast: false,
      largeText: true,
      speech: { enabled: true, rate: 1, volumePercent: 70 },
    },
  } as Parameters<typeof defaultPreferences>[0];

  it('start from the configuration, toggle one at a time and map to the root classes', () => {
    const start = defaultPreferences(info);
    expect(start).toEqual({ highContrast: false, largeText: true, speech: true });
    const contrast = toggled(start, 'highContrast');
    expect(contrast).toEqual({ highContrast: true, largeText: true, speech: true });
    expect(rootClasses(contrast)).toEqual(['high-contrast', 'large-text']);
    expect(rootClasses(toggled(contrast, 'largeText'))).toEqual(['high-contrast']);
    expect(defaultPreferences(null)).toEqual({ highContrast: false, largeText: false, speech: false });
  });
});
