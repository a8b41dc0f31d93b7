/**
 * Value rules of node attributes, as ProseMirror `validate` functions on the attribute specs of
 * the shared extension list. ProseMirror runs them whenever a node is created with given
 * attributes (editor, `Node.fromJSON`), and the server's document validation reads them from the
 * schema, so a value rule is written once, next to the attribute it constrains.
 */

/** The values of the `dir` attribute every block has (TextDirection). */
export const TEXT_DIRECTIONS = ['ltr', 'rtl', 'auto'] as const;

/** Thrown by a `validate` function; the message says what was expected. */
export class AttributeValueError extends RangeError {}

/** A `validate` function from a test and a description of the valid values. */
export function expectValue(expected: string, test: (value: unknown) => boolean): (value: unknown) => void {
  return (value) => {
    if (!test(value)) throw new AttributeValueError(`expected ${expected}`);
  };
}

/** A `validate` function accepting exactly these values. */
export function oneOf(values: readonly unknown[]): (value: unknown) => void {
  return expectValue(`one of ${values.join(', ')}`, (value) => values.includes(value));
}
