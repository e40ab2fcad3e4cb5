// The Getting Started walkthrough of an extension as the end-to-end tests see it: VS Code's own
// walkthrough editor (workbench DOM, not a webview), its steps and their command buttons.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { runFromPalette } from './workbench';

const quickInput = (page: Page) => page.locator('.quick-input-widget');

/** The walkthrough editor's content (the slide with the expanded steps). */
export function walkthroughEditor(page: Page): Locator {
  return page.locator('.gettingStartedContainer');
}

/**
 * Opens a walkthrough the way a user does: "Welcome: Open Walkthrough..." in the palette, then its
 * title in the picker. Contributed walkthroughs are listed only once the extension host has
 * read the extension's manifest, a few seconds after the workbench shows, so the picker is
 * reopened until the title is there.
 */
export async function openWalkthrough(page: Page, title: string, timeoutMs = 90_000): Promise<void> {
  const row = quickInput(page).locator('.quick-input-list .monaco-list-row', { hasText: title });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runFromPalette(page, 'Welcome: Open Walkthrough...');
    // The palette's input is reused by the walkthrough picker: typing filters its rows.
    const input = quickInput(page).locator('input[placeholder*="walkthrough" i]');
    await input.waitFor();
    await input.fill(title);
    try {
      await row.first().waitFor({ timeout: 3000 });
      await row.first().click();
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** A step of the open walkthrough, by the title shown in its header. */
export function walkthroughStep(editor: Locator, stepTitle: string): Locator {
  return editor.locator('.getting-started-step').filter({ has: editor.page().locator('.step-title', { hasText: stepTitle }) });
}

/**
 * The button VS Code renders for a step's description line that is only a command link
 * (`[Label](command:...)`). A step shows its description, buttons included, only while it is
 * the expanded one, so its header is clicked first when the button is not visible.
 */
export async function stepButton(editor: Locator, stepTitle: string, label: string): Promise<Locator> {
  const step = walkthroughStep(editor, stepTitle);
  await step.waitFor();
  const button = step.getByRole('button', { name: label, exact: true });
  if (!(await button.isVisible())) await step.locator('.step-title').click();
  await button.waitFor({ state: 'visible' });
  return button;
}

/**
 * The document inside the webview of one extension. Needed where more than one webview is on
 * screen (the walkthrough's markdown media is shown in a webview of its own): VS Code puts the
 * owning extension's id in the outer iframe's URL.
 */
export function extensionWebviewContent(page: Page, extensionId: string): FrameLocator {
  return page.frameLocator(extensionWebviewSelector(extensionId)).frameLocator('iframe#active-frame');
}

/** CSS selector of the outer iframe of an extension's webview (for screenshots of the whole panel). */
export function extensionWebviewSelector(extensionId: string): string {
  return `iframe.webview[src*="extensionId=${extensionId}"]`;
}
