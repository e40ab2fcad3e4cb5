/**
 * The little of the DOM that the callbacks passed to page.evaluate use. The root tsconfig has no
 * DOM library on purpose (src/core must not touch the DOM), so the tests declare what they need.
 */
export interface PageElement {
  readonly textContent: string | null;
  value?: string;
  readonly selectedIndex?: number;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): PageNodeList;
  getAttribute(name: string): string | null;
  dispatchEvent(event: Event): boolean;
}

export interface PageNodeList extends Iterable<PageElement> {
  readonly length: number;
  readonly [index: number]: PageElement | undefined;
}

export interface PageDocument {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): PageNodeList;
}
