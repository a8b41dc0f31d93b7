import { NodeViewContent, NodeViewWrapper, ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react';
import { createContext, useContext, useEffect, useId, useState } from 'react';
import {
  ACTION_ITEM_STATUSES,
  ActionItem,
  isActionItemStatus,
  isIsoDate,
  type ActionItemAttrs,
  type ActionItemStatus,
} from '../../../shared/editor/nodes/actionItem.js';
import { useI18n } from '../i18n/i18n.js';
import { useDigits } from '../lib/digits.js';
import { dayInWords, formatDay } from '../lib/time.js';
import { firstStrongDirection } from '../../../shared/format/direction.js';

/** What the action-item node views need from the page around the editor. */
export interface ActionItemEnvironment {
  /** Controls disabled: observers, approved minutes, refused connection. */
  readOnly: boolean;
  /** `id` of the `<datalist>` suggesting owners (the meeting's delegations and attendees). */
  ownerListId: string;
  /** `YYYY-MM-DD`: an open item due before this day is overdue. */
  today: string;
  /** The group's members: an owner typed as one of their names is linked to their account. */
  members: OwnerMember[];
}

export interface OwnerMember {
  userId: string;
  name: string;
}

/** The member an owner's name designates: exactly one member of that name, else none. */
export function memberNamed(members: OwnerMember[], owner: string): OwnerMember | null {
  const name = owner.trim();
  const found = name ? members.filter((m) => m.name.trim() === name) : [];
  return found.length === 1 ? found[0]! : null;
}

export const ActionItemEnvironmentContext = createContext<ActionItemEnvironment>({ readOnly: true, ownerListId: '', today: '', members: [] });

/** Due before `today` and still open or in progress (the tracker's rule). */
export function isOverdue(item: { due: string; status: string }, today: string): boolean {
  return item.due !== '' && today !== '' && item.due < today && (item.status === 'open' || item.status === 'in_progress');
}

/**
 * An action item in the editor: the task is the node's own editable content; owner, due date
 * and status are attributes written with `updateAttributes`, so co-editors see them change live.
 * The controls are outside the editable content (`contentEditable=false`).
 */
function ActionItemView({ node, updateAttributes }: ReactNodeViewProps<HTMLDivElement>) {
  const { t, locale, dir } = useI18n();
  const digits = useDigits();
  const env = useContext(ActionItemEnvironmentContext);
  const attrs = node.attrs as ActionItemAttrs;
  const status: ActionItemStatus = isActionItemStatus(attrs.status) ? attrs.status : 'open';
  const due = typeof attrs.due === 'string' ? attrs.due : '';
  const overdue = isOverdue({ due, status }, env.today);
  const dueInWords = dayInWords(due, locale, digits);
  const id = useId();
  const linked = typeof attrs.ownerUserId === 'string' ? env.members.find((m) => m.userId === attrs.ownerUserId) : undefined;
  const task = node.textContent.trim();
  // The item's own direction, as the browser resolves its `dir` (auto: its first strong letter).
  const dirAttr: unknown = node.attrs.dir;
  const itemDir = dirAttr === 'rtl' || dirAttr === 'ltr' ? dirAttr : firstStrongDirection(node.textContent);

  // The owner is typed into a local copy (so the caret never jumps), written through on each
  // keystroke; a co-editor's change replaces it.
  const remoteOwner = typeof attrs.owner === 'string' ? attrs.owner : '';
  const [owner, setOwner] = useState(remoteOwner);
  useEffect(() => setOwner(remoteOwner), [remoteOwner]);

  return (
    <NodeViewWrapper className="action-item" data-overdue={overdue ? 'true' : undefined}>
      {/*
        A real checkbox: done or not (in progress and cancelled are set in the status field). The
        label around it is the target a finger taps (44 px on touch screens, phone.css).
      */}
      <label className="action-item-check" contentEditable={false} suppressContentEditableWarning>
        <input
          type="checkbox"
          className="action-item-marker"
          checked={status === 'done'}
          disabled={env.readOnly}
          aria-label={task ? t('actionItem.doneOf', { task }) : t('actionItem.done')}
          data-testid="action-item-done"
          onChange={(e) => updateAttributes({ status: e.target.checked ? 'done' : 'open' })}
        />
      </label>
      <div className="action-item-body">
        <NodeViewContent className="action-item-text" data-placeholder={t('actionItem.placeholder')} />
        {/*
          The controls flow in the interface's direction, whatever the item's: owner, due date,
          status in that order, each label before its own field in reading order. Every text in
          here has its own `dir`, so none of it counts for the item's `dir="auto"`.
        */}
        <div
          className="action-item-controls"
          dir={dir}
          lang={locale}
          // Packed towards the item's start side when the item runs the other way.
          data-align={itemDir && itemDir !== dir ? 'end' : undefined}
          contentEditable={false}
          suppressContentEditableWarning
          role="group"
          aria-label={t('actionItem.controls')}
          data-testid="action-item-controls"
        >
          <label className="action-item-field action-item-owner">
            <span className="action-item-label">{t('actionItem.owner')}</span>
            <input
              type="text"
              list={env.ownerListId || undefined}
              value={owner}
              dir="auto"
              maxLength={200}
              autoComplete="off"
              placeholder={env.readOnly ? '—' : t('actionItem.ownerPlaceholder')}
              disabled={env.readOnly}
              data-testid="action-item-owner"
              onChange={(e) => {
                setOwner(e.target.value);
                updateAttributes({ owner: e.target.value, ownerUserId: memberNamed(env.members, e.target.value)?.userId ?? null });
              }}
            />
            {attrs.ownerUserId && (
              <span className="action-item-linked" data-testid="action-item-linked" title={t('actionItem.linked', { name: linked?.name ?? owner })}>
                <span aria-hidden="true">●</span>
                <span className="visually-hidden">{t('actionItem.linked', { name: linked?.name ?? owner })}</span>
              </span>
            )}
          </label>
          <label className="action-item-field">
            <span className="action-item-label">{t('actionItem.due')}</span>
            {env.readOnly && !due ? (
              <span className="action-item-value" data-testid="action-item-due">
                —
              </span>
            ) : (
              <input
                type="date"
                value={due}
                disabled={env.readOnly}
                aria-describedby={overdue ? `${id}-overdue` : undefined}
                data-testid="action-item-due"
                onChange={(e) => updateAttributes({ due: isIsoDate(e.target.value) ? e.target.value : '' })}
              />
            )}
            {/* The day in words (dayInWords); hidden from screen readers, which read the field's
                date in words already. */}
            {dueInWords && (
              <span className="action-item-day" aria-hidden="true" data-testid="action-item-due-day">
                {dueInWords}
              </span>
            )}
          </label>
          <label className="action-item-field">
            <span className="action-item-label">{t('actionItem.status')}</span>
            <select
              value={status}
              dir={dir}
              disabled={env.readOnly}
              data-testid="action-item-status"
              onChange={(e) => {
                if (isActionItemStatus(e.target.value)) updateAttributes({ status: e.target.value });
              }}
            >
              {ACTION_ITEM_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {t(`actionStatus.${value}`)}
                </option>
              ))}
            </select>
          </label>
          {/* A live region that is always there: setting a past date announces "overdue". */}
          <span className="action-item-alert" role="status">
            {overdue && (
              <span id={`${id}-overdue`} className="action-item-overdue" data-testid="action-item-overdue">
                <span aria-hidden="true">{t('actionItem.overdue')}</span>
                <span className="visually-hidden">{t('actionItem.overdueLong', { date: formatDay(due, locale, digits) })}</span>
              </span>
            )}
          </span>
        </div>
      </div>
    </NodeViewWrapper>
  );
}

/** The shared `actionItem` node with the React node view above (the schema stays the shared one). */
export const ActionItemWithView = ActionItem.extend({
  addNodeView: () =>
    ReactNodeViewRenderer(ActionItemView, {
      // The outer element keeps what the plain rendering has: `data-type`, the attributes, `dir`.
      attrs: ({ HTMLAttributes }) => {
        const rendered: Record<string, string> = { 'data-type': 'action-item' };
        for (const [name, value] of Object.entries(HTMLAttributes)) {
          if (value !== null && value !== undefined && value !== false) rendered[name] = String(value);
        }
        return rendered;
      },
    }),
});
