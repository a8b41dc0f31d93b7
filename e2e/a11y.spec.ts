import { expect, test } from '@playwright/test';
import { axeViolations, describeViolations, severe } from './support/axe.js';
import { APP_PAGES, contextFor, openAppPage, scenarioFor, type Lang, type Scenario } from './support/pages.js';

/**
 * axe-core on every page in both languages, the minutes with Arabic content, an observer's view
 * and the tracker included (they are rows of APP_PAGES): no critical or serious violation.
 */
const LANGS: Lang[] = ['ar', 'en'];
/** Desktop and phone: a phone layout may hide or reorder things. */
const VIEWPORTS = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
];

let scenario: Scenario;
test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(120_000);
  scenario = await scenarioFor(browser, info.project.outputDir);
});

for (const row of APP_PAGES) {
  for (const lang of LANGS) {
    test(`axe: ${row.name} (${lang}) has no critical or serious violations`, async ({ browser }) => {
      for (const viewport of VIEWPORTS) {
        const context = await contextFor(browser, row, lang, scenario, viewport);
        const page = await context.newPage();
        await openAppPage(page, row, lang, scenario);
        const found = severe(await axeViolations(page));
        expect.soft(found.map((v) => v.id), `${row.name} ${lang} @${viewport.width}:\n${describeViolations(found)}`).toEqual([]);
        await context.close();
      }
    });
  }
}
