import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { minutesExtensions } from '../../../shared/editor/extensions.js';
import { addNavigationGuard } from '../app/navigation.js';
import { useMe, useSession } from '../app/session.js';
import { CollabConnection } from '../collab/collabConnection.js';
import { awarenessUser } from '../collab/userColor.js';
import { Alert, Loading } from '../components/ui.js';
import type { MessageKey } from '../i18n/ar.js';
import { useI18n } from '../i18n/i18n.js';
import { zonedIsoDate } from '../lib/time.js';
import { annotationsExtension, connectEditor } from './annotations/annotationsExtension.js';
import type { AnnotationBridge } from './annotations/bridge.js';
import { ActionItemEnvironmentContext, ActionItemWithView, type ActionItemEnvironment, type OwnerMember } from './ActionItemView.js';
import { AttendanceContext, AttendanceWithView } from './AttendanceView.js';
import { AutoDirection } from './autoDirection.js';
import { BlockTarget, useBlockTarget } from './blockTarget.js';
import { collaborationExtensions } from './collaboration.js';
import { SectionHints, sectionHintsKey } from './sectionHints.js';
import { SaveStatus } from './SaveStatus.js';
import { Toolbar } from './Toolbar.js';
import { useConfirm } from '../components/confirm.js';

export interface MinutesEditorProps {
  meetingId: string;
  /** Why the minutes cannot be edited here (observer, approved), or null. */
  readOnlyReason: 'observer' | 'approved' | 'circulated' | null;
  /** Direction of the document where a block has no strong character of its own (an empty line). */
  baseDir: 'rtl' | 'ltr';
  /** The server reconnected us (restart or changed role): re-read what we may do. */
  onAccessMayHaveChanged: () => void;
  /** Offered for an action item's owner (delegations, attendees); free text is allowed too. */
  ownerSuggestions: OwnerSuggestion[];
  /** The meeting's time zone: due dates are days of its calendar (overdue from its midnight). */
  timeZone: string;
  /** The group's members, whom an action item's owner can be linked to. */
  members: OwnerMember[];
  /** What the attendance block shows: the meeting's delegations, from its details. */
  attendance: ReactNode;
  /** A text block to scroll to and mark (opened from a search result), or null. */
  targetBlock: number | null;
  /** Amendments and comments drawn on the text, and the selection they are made from (issue 10). */
  annotations?: AnnotationBridge;
}

export interface OwnerSuggestion {
  value: string;
  /** Shown beside the value (e.g. the attendee's delegation and title). */
  label?: string;
}

/**
 * Today in the meeting's time zone, re-read every minute (an item becomes overdue at midnight
 * there): the same for a viewer in Kuwait and one in London.
 */
function useToday(timeZone: string): string {
  const [today, setToday] = useState(() => zonedIsoDate(timeZone));
  useEffect(() => {
    setToday(zonedIsoDate(timeZone));
    const timer = setInterval(() => setToday(zonedIsoDate(timeZone)), 60_000);
    return () => clearInterval(timer);
  }, [timeZone]);
  return today;
}

const NODE_VIEWS = [ActionItemWithView, AttendanceWithView];

const REFUSAL: Partial<Record<number, MessageKey>> = {
  [CloseCode.forbidden]: 'editor.refused.forbidden',
  [CloseCode.unknownMeeting]: 'editor.refused.unknown',
  [CloseCode.messageTooLarge]: 'editor.refused.tooLarge',
  [CloseCode.frameTooLarge]: 'editor.refused.tooLarge',
  [CloseCode.malformedMessage]: 'editor.refused.malformed',
  [CloseCode.tooManyClientIds]: 'editor.refused.tooManyClientIds',
};

function CollabEditor({
  connection,
  readOnly,
  baseDir,
  ownerSuggestions,
  timeZone,
  members,
  attendance,
  targetBlock,
  annotations,
}: {
  connection: CollabConnection;
  readOnly: boolean;
  baseDir: 'rtl' | 'ltr';
  ownerSuggestions: OwnerSuggestion[];
  timeZone: string;
  members: OwnerMember[];
  attendance: ReactNode;
  targetBlock: number | null;
  annotations?: AnnotationBridge;
}) {
  const { t, dir } = useI18n();
  const confirm = useConfirm();
  // Read by the section hints when they are drawn, so a language switch needs no new editor.
  const hintLanguage = useRef({ t, dir });
  hintLanguage.current = { t, dir };
  const me = useMe();
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  const canEdit = !readOnly && snapshot.state !== 'error';
  const ownerListId = `owners-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const today = useToday(timeZone);
  const environment = useMemo<ActionItemEnvironment>(() => ({ readOnly: !canEdit, ownerListId, today, members }), [canEdit, ownerListId, today, members]);

  const editor = useEditor(
    {
      // The shared list already holds TextDirection (direction 'auto'): turn off the core copy.
      enableCoreExtensions: { textDirection: false },
      extensions: [
        // The shared list, with the node views of the action item and the attendance (same nodes, same schema).
        ...minutesExtensions().map((extension) => NODE_VIEWS.find((view) => view.name === extension.name) ?? extension),
        ...collaborationExtensions({ doc: connection.doc, awareness: connection.provider.awareness, user: awarenessUser(me) }),
        AutoDirection,
        SectionHints.configure({
          hintOf: (section) =>
            section === 'attendance' ? null : { text: hintLanguage.current.t(`hint.${section}`), dir: hintLanguage.current.dir },
        }),
        BlockTarget,
        ...(annotations ? [annotationsExtension(annotations)] : []),
      ],
      editable: canEdit,
      editorProps: {
        // Read before the extension's root `dir="auto"`: empty blocks fall back to this.
        attributes: { dir: baseDir, class: 'minutes-body', 'data-testid': 'minutes-editor', spellcheck: 'true' },
      },
    },
    [connection],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== canEdit) editor.setEditable(canEdit);
  }, [editor, canEdit]);
  useBlockTarget(editor, targetBlock);

  useEffect(() => (editor && annotations ? connectEditor(editor, annotations) : undefined), [editor, annotations]);

  // The accessible name and the section hints follow the interface language without rebuilding the editor.
  useEffect(() => {
    editor?.view.dom.setAttribute('aria-label', t('editor.label'));
    if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(sectionHintsKey, true).setMeta('addToHistory', false));
  }, [editor, t]);

  // Leaving with edits the server has not confirmed (offline, say): ask first. The browser asks
  // on closing or reloading the tab; the app asks on its own links and on signing out.
  // With a local copy the edits are not lost (they are sent the next time the minutes are
  // opened here), and the question says so.
  useEffect(() => {
    if (!snapshot.unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    const removeGuard = addNavigationGuard(() => confirm(t(connection.keptLocally ? 'editor.leaveUnsavedKept' : 'editor.leaveUnsaved'), { danger: !connection.keptLocally }));
    return () => {
      window.removeEventListener('beforeunload', warn);
      removeGuard();
    };
  }, [snapshot.unsaved, t, connection, confirm]);

  const refusalKey = snapshot.refusal ? (REFUSAL[snapshot.refusal.code] ?? 'editor.refused.other') : null;

  return (
    <div className="minutes">
      <div className="editor-bar">
        {canEdit && editor ? <Toolbar editor={editor} /> : <div className="toolbar-placeholder" />}
        <SaveStatus snapshot={snapshot} readOnly={readOnly} />
      </div>
      {refusalKey && <Alert testId="editor-refused">{t(refusalKey)}</Alert>}
      <div className="paper">
        <ActionItemEnvironmentContext.Provider value={environment}>
          <AttendanceContext.Provider value={attendance}>
            <EditorContent editor={editor} />
          </AttendanceContext.Provider>
        </ActionItemEnvironmentContext.Provider>
      </div>
      <datalist id={ownerListId} data-testid="owner-suggestions">
        {ownerSuggestions.map((suggestion) => (
          <option key={suggestion.value} value={suggestion.value} label={suggestion.label} />
        ))}
      </datalist>
    </div>
  );
}

/**
 * The live minutes of a meeting: one Y.Doc and websocket per meeting, and for an editor a copy
 * of the doc in this browser (IndexedDB, per user and meeting) that is loaded before the
 * websocket connects and before the editor is shown.
 */
export function MinutesEditor({
  meetingId,
  readOnlyReason,
  baseDir,
  onAccessMayHaveChanged,
  ownerSuggestions,
  timeZone,
  members,
  attendance,
  targetBlock,
  annotations,
}: MinutesEditorProps) {
  const { t } = useI18n();
  const { lost } = useSession();
  const userId = useMe().id;
  const readOnly = readOnlyReason !== null;
  const [connection, setConnection] = useState<CollabConnection | null>(null);
  // Bumped to start over from the server's copy (see below).
  const [generation, setGeneration] = useState(0);
  // Callbacks and access read by the connection without rebuilding it (that would drop the doc).
  const latest = useRef({ lost, onAccessMayHaveChanged, readOnly });
  latest.current = { lost, onAccessMayHaveChanged, readOnly };

  useEffect(() => {
    let current = true;
    const next = new CollabConnection({
      meetingId,
      readOnly: latest.current.readOnly,
      localCopy: { userId },
      onRefused: (code) => {
        if (code === CloseCode.unauthenticated) latest.current.lost();
      },
      onServerRestart: () => latest.current.onAccessMayHaveChanged(),
      // All of it is saved: starting over shows the saved order and loses nothing (but the undo
      // history and the caret's place). Synchronously, so that no keystroke lands in this
      // connection between the check and its end.
      onReloadNeeded: () => {
        if (current) flushSync(() => setGeneration((g) => g + 1));
      },
    });
    void next.whenLoaded.then(() => {
      if (current) setConnection(next);
    });
    return () => {
      current = false;
      setConnection(null);
      next.destroy();
    };
  }, [meetingId, userId, generation]);

  useEffect(() => {
    if (!connection) return;
    // Became read-only (approved, or now an observer) holding edits the server never confirmed:
    // it will not take them any more. Start over from its copy, which is authoritative, rather
    // than show text that is not in the minutes (the new connection deletes the local copy).
    if (readOnly && connection.hasUnconfirmedEdits) setGeneration((g) => g + 1);
    else connection.setReadOnly(readOnly);
  }, [connection, readOnly]);

  if (!connection) return <Loading label={t('common.loading')} />;
  return (
    <CollabEditor
      key={meetingId}
      connection={connection}
      readOnly={readOnly}
      baseDir={baseDir}
      ownerSuggestions={ownerSuggestions}
      timeZone={timeZone}
      members={members}
      attendance={attendance}
      targetBlock={targetBlock}
      annotations={annotations}
    />
  );
}
