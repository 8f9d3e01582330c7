/**
 * A growable FIFO of bytes for the streaming decoders: appending is amortised O(1), so a 64 KB APDU that
 * arrives one byte per read does not cost quadratic copying.
 */
export class ByteQueue {
  #buf = new Uint8Array(256);
  #start = 0;
  #end = 0;

  get length(): number {
    return this.#end - this.#start;
  }

  /** A view of the queued bytes; valid until the next append/consume. */
  view(): Uint8Array {
    return this.#buf.subarray(this.#start, this.#end);
  }

  append(chunk: Uint8Array): void {
    if (this.#end + chunk.length > this.#buf.length) {
      const needed = this.length + chunk.length;
      if (needed <= this.#buf.length / 2) {
        this.#buf.copyWithin(0, this.#start, this.#end);
      } else {
        let size = this.#buf.length;
        while (size < needed * 2) size *= 2;
        const next = new Uint8Array(size);
        next.set(this.view(), 0);
        this.#buf = next;
      }
      this.#end = this.length;
      this.#start = 0;
    }
    this.#buf.set(chunk, this.#end);
    this.#end += chunk.length;
  }

  appendByte(b: number): void {
    if (this.#end < this.#buf.length) this.#buf[this.#end++] = b;
    else this.append(Uint8Array.of(b));
  }

  consume(count: number): void {
    this.#start = Math.min(this.#end, this.#start + count);
    if (this.#start === this.#end) {
      this.#start = 0;
      this.#end = 0;
    }
  }

  clear(): void {
    this.#buf = new Uint8Array(256);
    this.#start = 0;
    this.#end = 0;
  }
}
