import { NodeViewWrapper, ReactNodeViewRenderer } from '@tiptap/react';
import { createContext, useContext, type ReactNode } from 'react';
import { Attendance } from '../../../shared/editor/nodes/attendance.js';
import { useI18n } from '../i18n/i18n.js';

/**
 * What the attendance block shows: the meeting's delegations as the page around the editor
 * renders them (live: a change in the details reaches every open editor with the meeting).
 */
export const AttendanceContext = createContext<ReactNode>(null);

/** The `attendance` node: the details' delegations, read-only here (they are edited in the details). */
function AttendanceView() {
  const { t, dir } = useI18n();
  const content = useContext(AttendanceContext);
  return (
    <NodeViewWrapper className="attendance-block" contentEditable={false} data-testid="attendance-block">
      <section aria-label={t('attendance.label')}>
        {/* On the document's start side like the section hints, in the interface's direction. */}
        <p className="attendance-source">
          <bdi dir={dir}>{t('attendance.fromDetails')}</bdi>
        </p>
        {content}
      </section>
    </NodeViewWrapper>
  );
}

export const AttendanceWithView = Attendance.extend({
  addNodeView: () => ReactNodeViewRenderer(AttendanceView, { attrs: { 'data-type': 'attendance' } }),
});
