import { expect } from '@playwright/test';
import { axeViolations, describeViolations, severe } from './support/axe.js';
import { contextFor, openAppPage, testEveryPage } from './support/pages.js';

/**
 * axe-core on every page in both languages, the minutes with Arabic content, an observer's view
 * and the tracker included (they are rows of APP_PAGES): no critical or serious violation.
 */
/** Desktop and phone: a phone layout may hide or reorder things. */
const VIEWPORTS = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
];

testEveryPage(
  (row, lang) => `axe: ${row.name} (${lang}) has no critical or serious violations`,
  async ({ browser, row, lang, scenario }) => {
    for (const viewport of VIEWPORTS) {
      const context = await contextFor(browser, row, lang, scenario, viewport);
      const page = await context.newPage();
      await openAppPage(page, row, lang, scenario);
      const all = await axeViolations(page);
      const found = severe(all);
      expect.soft(found.map((v) => v.id), `${row.name} ${lang} @${viewport.width}:\n${describeViolations(found)}`).toEqual([]);
      // Moderate for axe, but a screen reader's outline of the page: no level skipped.
      const order = all.filter((v) => v.id === 'heading-order');
      expect.soft(order.map((v) => v.id), `${row.name} ${lang} @${viewport.width}:\n${describeViolations(order)}`).toEqual([]);
      await context.close();
    }
  },
);
