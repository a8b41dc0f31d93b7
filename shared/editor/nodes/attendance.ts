import { Node } from '@tiptap/core';

/**
 * The `attendance` block: where the minutes show the meeting's delegations and attendees. It
 * holds nothing itself: the delegations are entered once, in the meeting's details, and every
 * reader draws them from there (the editor live, the PDF at export), so they are never typed
 * twice nor disagree. An atom: it is selected, moved or deleted whole.
 */
export const Attendance = Node.create({
  name: 'attendance',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: false,

  parseHTML() {
    return [{ tag: 'div[data-type="attendance"]' }];
  },

  renderHTML() {
    return ['div', { 'data-type': 'attendance' }];
  },
});
