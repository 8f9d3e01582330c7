/** Core's outgoing events: one hub, any number of transports listening. */
import type { KioskEventData, KioskEventName, ServerEnvelope } from './contract.ts';
import { eventEnvelope } from './dispatcher.ts';

export type EventListener = (envelope: ServerEnvelope) => void;

export class KioskEventHub {
  readonly #listeners = new Set<EventListener>();

  emit<E extends KioskEventName>(event: E, data: KioskEventData<E>): void {
    const envelope = eventEnvelope(event, data);
    for (const listener of this.#listeners) listener(envelope);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
