/**
 * The kiosk's DNIe reader as core sees it: pcscd watched through the reader monitor, the configured
 * reader chosen by its name pattern, and every change (pcscd gone, reader unplugged, card in, card out)
 * reported to the device supervisor and to whoever listens (the screen). Nothing personal is read here:
 * the card's ATR says only what kind of card it is.
 */
import { type AtrKind, classifyAtr, ReaderMonitor } from '../../drivers/pcsc/index.ts';
import type { KioskConfig } from '../../kiosk-config/index.ts';
import type { CardPresence } from '../api/contract.ts';
import type { Logger } from '../log/logger.ts';
import type { DeviceReport, DeviceSupervisor } from './supervisor.ts';

type CardReaderConfig = KioskConfig['devices']['cardReader'];
export type CardListener = (card: CardPresence) => void;

export interface CardReaderServiceOptions {
  readonly config: CardReaderConfig;
  readonly supervisor: DeviceSupervisor;
  readonly logger: Logger;
}

export class CardReaderService {
  readonly monitor: ReaderMonitor;
  readonly #supervisor: DeviceSupervisor;
  readonly #logger: Logger;
  readonly #listeners = new Set<CardListener>();
  #card: CardPresence = { present: false, cardType: null };

  constructor(options: CardReaderServiceOptions) {
    this.#supervisor = options.supervisor;
    this.#logger = options.logger;
    this.monitor = new ReaderMonitor({ readerPattern: new RegExp(options.config.readerNamePattern) });
    const update = () => this.#update();
    this.monitor.on('reader-added', update);
    this.monitor.on('reader-removed', update);
    this.monitor.on('card-inserted', update);
    this.monitor.on('card-removed', update);
    this.monitor.on('service-restored', update);
    this.monitor.on('service-lost', (error) => {
      this.#logger.warn({ error: error.code }, 'pcscd lost');
      update();
    });
  }

  start(): void {
    this.#supervisor.report('cardReader', { health: 'unknown', code: 'starting' });
    this.monitor.start();
    this.#update();
  }

  /** Whether a card is in the reader now, and of which kind. */
  card(): CardPresence {
    return this.#card;
  }

  onCard(listener: CardListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async stop(): Promise<void> {
    await this.monitor.stop();
  }

  #update(): void {
    const card = this.monitor.cards()[0];
    const next: CardPresence = card
      ? { present: true, cardType: cardTypeOf(classifyAtr(card.atr)) }
      : { present: false, cardType: null };
    this.#supervisor.report('cardReader', this.#report(next));
    if (next.present !== this.#card.present || next.cardType !== this.#card.cardType) {
      this.#card = next;
      this.#logger.info({ present: next.present, cardType: next.cardType }, 'card changed');
      for (const listener of this.#listeners) listener(next);
    }
  }

  #report(card: CardPresence): DeviceReport {
    if (!this.monitor.serviceUp) {
      return {
        health: 'error',
        code: 'disconnected',
        detail: 'pcscd no responde: arránquelo (pcscd) o revise el servicio',
      };
    }
    const reader = this.monitor.readers()[0];
    if (reader === undefined)
      return {
        health: 'error',
        code: 'reader_absent',
        detail: 'ningún lector coincide con readerNamePattern',
      };
    if (card.present) return { health: 'ok', code: 'card_present', detail: `${reader}: ${card.cardType}` };
    return { health: 'ok', code: 'ready', detail: reader };
  }
}

function cardTypeOf(kind: AtrKind): CardPresence['cardType'] {
  if (kind.kind === 'dnie') return kind.burnt ? 'dnie_unusable' : 'dnie';
  return 'other';
}
