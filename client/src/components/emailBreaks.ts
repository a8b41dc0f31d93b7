/**
 * An email address cut where a narrow column should wrap it: after the '@', and before each '.'
 * of the name before it (where a reader expects a break, and nothing is mistaken for a hyphen).
 * The domain stays whole: cut at its dots, a line was left holding '.kw' alone. Joined, the
 * parts are the address unchanged.
 */
export function emailBreaks(email: string): string[] {
  const at = email.lastIndexOf('@');
  if (at < 0) return [email];
  const name = email.slice(0, at + 1).split(/(?=\.)/).filter((part) => part.length > 0);
  const domain = email.slice(at + 1);
  return domain ? [...name, domain] : name;
}
