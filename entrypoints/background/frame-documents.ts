/**
 * Which document each subframe of a tab last reported from (`sender.documentId`, Chromium 106+).
 * A frame that navigates gets a new document; a report that still arrives from the document it
 * replaced is dropped, so a page cannot slip an old frame's data (or a forged report from a
 * document on its way out) into the chart. Browsers that give no document id (Firefox) are
 * judged by frame id and load time only, as before (background/frames.ts).
 */
export function createFrameDocuments() {
  const current = new Map<string, string>();
  const replaced = new Set<string>();
  const REPLACED_KEPT = 5_000;
  const keyOf = (tabId: number, frameId: number) => `${tabId}:${frameId}`;

  const retire = (documentId: string) => {
    replaced.add(documentId);
    if (replaced.size > REPLACED_KEPT) {
      const oldest = replaced.values().next().value;
      if (oldest !== undefined) replaced.delete(oldest);
    }
  };

  return {
    /** Whether a report from `documentId` is from the frame's current document (and notes it). */
    accept(tabId: number, frameId: number, documentId: string | null): boolean {
      if (documentId === null) return true;
      if (replaced.has(documentId)) return false;
      const key = keyOf(tabId, frameId);
      const before = current.get(key);
      if (before !== undefined && before !== documentId) retire(before);
      current.set(key, documentId);
      return true;
    },

    /** The tab closed or left the EHR: every document it had is retired. */
    forgetTab(tabId: number): void {
      for (const [key, documentId] of current) {
        if (key.startsWith(`${tabId}:`)) {
          retire(documentId);
          current.delete(key);
        }
      }
    },
  };
}
