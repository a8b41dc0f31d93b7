import type { AwarenessUser } from '../collab/userColor.js';

/**
 * Another participant's caret with their name. The label takes its direction from the name
 * itself (an Arabic name in an English paragraph still reads right to left).
 */
export function renderCaret(user: Partial<AwarenessUser>): HTMLElement {
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#555555';
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.dir = 'auto';
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === 'string' ? user.name : '';
  caret.append(label);
  return caret;
}
