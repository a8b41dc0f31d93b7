import type { AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';
import type { AwarenessUser } from '../collab/userColor.js';
import { renderCaret } from './carets.js';
import { TrailingNodeWithEdits, WriteAppendedChanges } from './remoteChanges.js';
import { SelectionFollowsText } from './selectionFollowsText.js';
import { TextInEmptyBlocks } from './textInEmptyBlocks.js';

export interface CollaborationOptions {
  doc: Y.Doc;
  awareness: Awareness;
  user: AwarenessUser;
}

/**
 * The live-editing extensions of the minutes editor: the Yjs binding, the others' carets, and
 * what issue 8 needed around the binding — one's caret stays in one's own text when the others'
 * changes arrive, the editor shows exactly the shared document, and no empty line is without
 * its Yjs text. The editor and the co-editing tests build from here: they run what users run.
 */
export function collaborationExtensions({ doc, awareness, user }: CollaborationOptions): AnyExtension[] {
  return [
    Collaboration.configure({ document: doc, field: MINUTES_FRAGMENT }),
    SelectionFollowsText,
    TrailingNodeWithEdits,
    WriteAppendedChanges,
    TextInEmptyBlocks,
    CollaborationCaret.configure({ provider: { awareness }, user, render: renderCaret }),
  ];
}
