import { useEditorState, type Editor } from '@tiptap/react';
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/ar.js';
import { useI18n } from '../i18n/i18n.js';
import { Icon, type IconName } from './icons.js';

type Direction = 'auto' | 'rtl' | 'ltr';

const isApple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
/** The insert-action-item shortcut as the user presses it, isolated for use inside Arabic text. */
const ACTION_ITEM_KEYS = `\u2066${isApple ? '⌘⌥A' : 'Ctrl+Alt+A'}\u2069`;

function ToolButton({
  label,
  testId,
  active,
  disabled,
  onRun,
  children,
  mirror,
  hint,
  shortcut,
}: {
  label: string;
  /** Tooltip, when it says more than the label (how else to do it). */
  hint?: string;
  /** `aria-keyshortcuts` value. */
  shortcut?: string;
  testId: string;
  active?: boolean;
  disabled?: boolean;
  onRun: () => void;
  children: ReactNode;
  mirror?: boolean;
}) {
  return (
    <button
      type="button"
      className={['tool', active ? 'tool-active' : '', mirror ? 'tool-mirror' : ''].filter(Boolean).join(' ')}
      aria-label={label}
      title={hint ?? label}
      aria-keyshortcuts={shortcut}
      aria-pressed={active === undefined ? undefined : active}
      data-testid={testId}
      disabled={disabled}
      // Keep the selection in the editor: run on mousedown-less click without stealing focus.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onRun}
    >
      {children}
    </button>
  );
}

/**
 * The name of a button showing an abbreviation ("H1", "ع١"): the abbreviation first, as seen
 * (speech users say what they see, WCAG 2.5.3), then what it means.
 */
function withVisibleText(visible: string, meaning: string): string {
  return `${visible}, ${meaning}`;
}

function Group({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="tool-group" role="group" aria-label={label}>
      {children}
    </div>
  );
}

/** Formatting toolbar of the minutes. Every label comes from the catalogue. */
export function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h1: e.isActive('heading', { level: 1 }),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      actionItem: e.isActive('actionItem'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
      dir: ((e.state.selection.$from.parent.attrs as { dir?: Direction }).dir ?? 'auto') as Direction,
    }),
  });
  const chain = () => editor.chain().focus();

  const mark = (name: 'bold' | 'italic' | 'underline', key: MessageKey, icon: IconName, run: () => void) => (
    <ToolButton label={t(key)} testId={`tool-${name}`} active={state[name]} onRun={run}>
      <Icon name={icon} />
    </ToolButton>
  );

  return (
    <div className="toolbar" role="toolbar" aria-label={t('editor.toolbar')} data-testid="toolbar">
      <Group label={t('editor.group.headings')}>
        {([1, 2, 3] as const).map((level) => (
          <ToolButton
            key={level}
            label={withVisibleText(t(`editor.heading${level}.short`), t(`editor.heading${level}`))}
            hint={t(`editor.heading${level}`)}
            testId={`tool-h${level}`}
            active={state[`h${level}`]}
            onRun={() => chain().toggleHeading({ level }).run()}
          >
            <span className="tool-text">{t(`editor.heading${level}.short`)}</span>
          </ToolButton>
        ))}
      </Group>
      <Group label={t('editor.group.marks')}>
        {mark('bold', 'editor.bold', 'bold', () => chain().toggleBold().run())}
        {mark('italic', 'editor.italic', 'italic', () => chain().toggleItalic().run())}
        {mark('underline', 'editor.underline', 'underline', () => chain().toggleUnderline().run())}
      </Group>
      <Group label={t('editor.group.lists')}>
        <ToolButton label={t('editor.bulletList')} testId="tool-bullet-list" active={state.bulletList} onRun={() => chain().toggleBulletList().run()} mirror>
          <Icon name="bulletList" />
        </ToolButton>
        <ToolButton label={t('editor.orderedList')} testId="tool-ordered-list" active={state.orderedList} onRun={() => chain().toggleOrderedList().run()} mirror>
          <Icon name="orderedList" />
        </ToolButton>
      </Group>
      <Group label={t('editor.group.insert')}>
        <ToolButton
          label={t('editor.actionItem')}
          hint={t('editor.actionItem.hint', { shortcut: ACTION_ITEM_KEYS })}
          shortcut={isApple ? 'Meta+Alt+A' : 'Control+Alt+A'}
          testId="tool-action-item"
          active={state.actionItem}
          onRun={() => chain().insertActionItem().run()}
          mirror
        >
          <Icon name="actionItem" />
          <span className="tool-text tool-text-label">{t('editor.actionItem')}</span>
        </ToolButton>
      </Group>
      <Group label={t('editor.group.history')}>
        <ToolButton label={t('editor.undo')} testId="tool-undo" disabled={!state.canUndo} onRun={() => chain().undo().run()} mirror>
          <Icon name="undo" />
        </ToolButton>
        <ToolButton label={t('editor.redo')} testId="tool-redo" disabled={!state.canRedo} onRun={() => chain().redo().run()} mirror>
          <Icon name="redo" />
        </ToolButton>
      </Group>
      <Group label={t('editor.group.direction')}>
        {(['auto', 'rtl', 'ltr'] as const).map((dir) => (
          <ToolButton
            key={dir}
            label={withVisibleText(t(`editor.dir.${dir}.short`), t(`editor.dir.${dir}`))}
            hint={t(`editor.dir.${dir}`)}
            testId={`tool-dir-${dir}`}
            active={state.dir === dir}
            onRun={() => chain().setTextDirection(dir).run()}
          >
            <span className="tool-text">{t(`editor.dir.${dir}.short`)}</span>
          </ToolButton>
        ))}
      </Group>
    </div>
  );
}
