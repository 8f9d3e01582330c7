/**
 * The backstop for a screen that went away (browser closed, renderer crashed, cable pulled) while a
 * citizen's session holds their data: the screen's own idle timer cannot run then, so core ends the
 * session itself once no screen has been connected for the grace period. A screen that comes back in
 * time finds the session where it was (it asks `session.get`).
 */
export interface ScreenPresenceOptions {
  /** How long the session may outlive its last screen. */
  readonly graceMs: number;
  /** Whether there is anything to wipe. */
  readonly sessionActive: () => boolean;
  readonly endSession: () => void;
  /** Timers (tests pass fake ones); returns the function that cancels the timer. */
  readonly setTimer?: (run: () => void, ms: number) => () => void;
}

export class ScreenPresence {
  readonly #o: ScreenPresenceOptions;
  #cancel: (() => void) | undefined;

  constructor(options: ScreenPresenceOptions) {
    this.#o = options;
  }

  /** The number of screens connected now (called on every connect and disconnect). */
  screens(count: number): void {
    this.#cancel?.();
    this.#cancel = undefined;
    if (count > 0) return;
    const setTimer = this.#o.setTimer ?? defaultTimer;
    this.#cancel = setTimer(() => {
      this.#cancel = undefined;
      if (this.#o.sessionActive()) this.#o.endSession();
    }, this.#o.graceMs);
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }
}

function defaultTimer(run: () => void, ms: number): () => void {
  const timer = setTimeout(run, ms);
  // A pending backstop must not keep a stopping process alive.
  timer.unref();
  return () => clearTimeout(timer);
}
