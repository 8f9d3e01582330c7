import { type ReactNode, useEffect, useRef } from 'react';

/** The id every session screen's heading carries: its section is labelled by it. */
export const SCREEN_TITLE_ID = 'screen-title';

/**
 * A screen's heading, which takes the focus when the screen appears: a screen reader then announces the
 * new step, and Tab starts from the top of it (WCAG 2.4.3).
 */
export function ScreenHeading({ children }: { readonly children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <h2 id={SCREEN_TITLE_ID} ref={heading} tabIndex={-1}>
      {children}
    </h2>
  );
}
