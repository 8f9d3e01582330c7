import type { ZvtLink } from '../session.ts';

/**
 * A {@link ZvtLink} whose channel the owner opens and recovers between commands. Links never reopen by
 * themselves in the middle of a command: a channel lost there must end the command as `link_lost`.
 */
export interface ManagedZvtLink extends ZvtLink {
  /** True while the channel is open. */
  readonly connected: boolean;
  /** Opens the channel if needed; rejects with a ZvtTransportError (nothing was sent). */
  connect(): Promise<void>;
  /**
   * Between commands: forgets what arrived since the last command ended (a late answer must not be read
   * as the answer to the next one). TCP also drops the connection so the next command starts on a fresh
   * stream. Returns how many messages were dropped.
   */
  discardStale(options?: { readonly dropConnection?: boolean }): Promise<number>;
  /** Closes for good. */
  close(): Promise<void>;
}
