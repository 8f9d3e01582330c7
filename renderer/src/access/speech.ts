/**
 * Speech output behind a small interface: the screen asks to say a text in a language, and a test (or,
 * later, Electron's offline engine; see docs/accessibility.md §5) can stand in for the browser's Web
 * Speech API. Quiet when there is no voice for the language: a Spanish voice reading Basque helps nobody
 * (EN 301 549 5.1.3.14).
 */
import type { LanguageCode } from '../../../core/api/contract.ts';

export interface Speaker {
  /** Says `text`, cutting off whatever was being said (5.1.3.5: speech stops when the user moves on). */
  say(text: string, language: LanguageCode): void;
  stop(): void;
}

export interface SpeechSettings {
  /** 0.1–10, 1 normal. */
  readonly rate: number;
  readonly volumePercent: number;
}

/** The part of the Web Speech API we use (the browser's `speechSynthesis`, or a test's). */
export interface SynthesisLike {
  getVoices(): ReadonlyArray<{ readonly lang: string; readonly name: string; readonly default?: boolean }>;
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
}

export function pickVoice<V extends { readonly lang: string; readonly default?: boolean }>(
  voices: readonly V[],
  language: LanguageCode,
): V | undefined {
  const ofLanguage = voices.filter((voice) => voice.lang.toLowerCase().split(/[-_]/)[0] === language);
  // Spain's variant first (es-ES, not es-MX; en-GB before en-US is a matter of taste, any English will do).
  return (
    ofLanguage.find((voice) => voice.lang.toLowerCase().replace('_', '-').endsWith('-es')) ??
    ofLanguage.find((voice) => voice.default) ??
    ofLanguage[0]
  );
}

export function webSpeaker(
  synthesis: SynthesisLike | undefined,
  settings: SpeechSettings,
  makeUtterance: (text: string) => SpeechSynthesisUtterance = (text) => new SpeechSynthesisUtterance(text),
): Speaker {
  return {
    say(text, language) {
      if (synthesis === undefined) return;
      const voice = pickVoice(synthesis.getVoices(), language);
      if (voice === undefined) return;
      synthesis.cancel();
      const utterance = makeUtterance(text);
      utterance.voice = voice as SpeechSynthesisVoice;
      utterance.lang = voice.lang;
      utterance.rate = Math.min(10, Math.max(0.1, settings.rate));
      utterance.volume = Math.min(1, Math.max(0, settings.volumePercent / 100));
      synthesis.speak(utterance);
    },
    stop() {
      synthesis?.cancel();
    },
  };
}

export const SILENT_SPEAKER: Speaker = { say: () => undefined, stop: () => undefined };
