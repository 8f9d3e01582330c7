/** Texts of the idle-timeout warning (issue 9 item 1, WCAG 2.2.1): one catalogue per language. */
export interface IdleMessages {
  readonly title: string;
  /** Why the session is ending and what happens to the person's data. */
  readonly explanation: (seconds: number) => string;
  /** What a screen reader hears as the count goes down. */
  readonly secondsLeft: (seconds: number) => string;
  readonly moreTime: string;
}
