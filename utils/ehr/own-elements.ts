/**
 * Careside's own elements in an EHR page: the sidebar, and the pack builder's panel and outline.
 * None of them is ever the chart. The test build opens their shadow roots, and a reader that read
 * them back took the builder panel's "name … finds 1 …" for the patient's name, and the sidebar's
 * medication lines for the page's. Every walk of the page skips them by this one list.
 */
export const SIDEBAR_TAG = 'careside-sidebar';
export const BUILDER_PANEL_TAG = 'careside-builder';
export const BUILDER_MARK_TAG = 'careside-builder-mark';

const OWN_TAGS: ReadonlySet<string> = new Set(
  [SIDEBAR_TAG, BUILDER_PANEL_TAG, BUILDER_MARK_TAG].map((tag) => tag.toUpperCase()),
);

/** True for an element Careside put in the page (by tag name, in any case). */
export function isOwnElement(element: Element): boolean {
  return OWN_TAGS.has(element.tagName.toUpperCase());
}
