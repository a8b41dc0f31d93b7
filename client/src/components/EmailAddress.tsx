import { Fragment } from 'react';
import { emailBreaks } from './emailBreaks.js';

/**
 * An email address, isolated left to right inside Arabic text. In a narrow column it wraps after
 * the '@' or before a '.' of the name (`<wbr>`), not in the middle of a word; a single part too long for the
 * column still wraps (the class's `overflow-wrap`).
 */
export function EmailAddress({ email, className }: { email: string; className?: string }) {
  return (
    <bdi dir="ltr" className={className}>
      {emailBreaks(email).map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </bdi>
  );
}
