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
      const found = severe(await axeViolations(page));
      expect.soft(found.map((v) => v.id), `${row.name} ${lang} @${viewport.width}:\n${describeViolations(found)}`).toEqual([]);
      await context.close();
    }
  },
);
