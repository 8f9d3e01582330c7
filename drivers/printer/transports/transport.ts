/**
 * The byte channel to a printer (escpos.md §8). Implementations stay thin: they move bytes and
 * nothing else; ESC/POS meaning lives in the encoder and status codecs.
 */
export interface PrinterTransport {
  /** Resolves once the bytes are handed to the operating system; rejects with `PrinterTransportError`. */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Waits until `count` bytes have arrived or `timeoutMs` has passed and resolves with what came,
   * at most `count` bytes (fewer, possibly none, on timeout; `timeoutMs` 0 takes only what is
   * already there). One read at a time.
   */
  read(count: number, timeoutMs: number): Promise<Uint8Array>;
  close(): Promise<void>;
}
