/** Texts of the accessibility bar on every screen: contrast, text size, speech (issue 9 item 6). */
export interface AccessMessages {
  readonly toolbarLabel: string;
  readonly highContrast: string;
  readonly largeText: string;
  readonly speech: string;
  readonly repeat: string;
  readonly language: string;
}
