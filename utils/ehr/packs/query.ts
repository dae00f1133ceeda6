/**
 * How a selector pack's selector finds elements: in the page first, and, when the page itself has
 * none, in the page's open shadow roots (web components keep their content there, out of reach of
 * `querySelectorAll`). Each shadow root is searched on its own, so one selector never crosses a
 * root's boundary. The pack reader and the selector proposals (propose.ts) use the same search,
 * so a proposed selector finds on the page exactly what the reader will read.
 */

import { isOwnElement } from '../own-elements';

/** Every open shadow root under `root` (its own included), outer roots before inner ones. */
export function openShadowRoots(root: ParentNode, found: ShadowRoot[] = []): ShadowRoot[] {
  const own = (root as Element).shadowRoot;
  if (own && !isOwnElement(root as Element)) {
    found.push(own);
    openShadowRoots(own, found);
  }
  const document = (root as Node).ownerDocument ?? (root as Document);
  // 1 = NodeFilter.SHOW_ELEMENT; the constant keeps this usable where `NodeFilter` is no global.
  const walker = document.createTreeWalker(root as Node, 1);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const shadow = (node as Element).shadowRoot;
    if (shadow && !isOwnElement(node as Element)) {
      found.push(shadow);
      openShadowRoots(shadow, found);
    }
  }
  return found;
}

/** The elements `selector` finds under `root`: in its own tree, else in its open shadow roots. */
export function queryAll(root: ParentNode, selector: string): Element[] {
  const light = Array.from(root.querySelectorAll(selector));
  if (light.length > 0) return light;
  return openShadowRoots(root).flatMap((shadow) => Array.from(shadow.querySelectorAll(selector)));
}

/** The first element `selector` finds under `root`, searched as `queryAll` searches. */
export function queryFirst(root: ParentNode, selector: string): Element | null {
  const light = root.querySelector(selector);
  if (light) return light;
  for (const shadow of openShadowRoots(root)) {
    const found = shadow.querySelector(selector);
    if (found) return found;
  }
  return null;
}
