/**
 * A tab's reading is forgotten when the tab closes or leaves the EHR origin, and nothing that was
 * in flight, or that comes later from the document it showed, brings it back (issue 18).
 */
import { describe, expect, it } from 'vitest';
import { createFrameDocuments } from '../../../entrypoints/background/frame-documents';
import {
  forgetTab,
  rememberTab,
  type TabPatient,
  tabGeneration,
  tabPatient,
  tabStillCurrent,
} from '../../../entrypoints/background/tabs';
import { emptyPatientContext } from '../../../utils/clinical/types';

function shown(documentId: string): TabPatient {
  return {
    fingerprint: 'fp',
    origin: 'https://ehr.clinic.example',
    documentId,
    confirmedByUser: false,
    reading: {
      adapter: 'demo',
      confidence: { name: 1, birthDate: 1, mrn: 1 },
      identityConfirmed: true,
      problems: [],
      context: emptyPatientContext({ name: 'Imogen Lake' }),
    },
  };
}

describe('forgetting a tab', () => {
  it('is not undone by a message that arrived before it and finished after', async () => {
    const tabId = 101;
    const arrivedAt = tabGeneration(tabId);
    await forgetTab(tabId);
    expect(rememberTab(tabId, shown('doc-a'), Promise.resolve(), arrivedAt)).toBe(false);
    expect(await tabPatient(tabId)).toBeNull();
  });

  it('retires the document it showed: a later message from it is refused', async () => {
    const tabId = 102;
    expect(rememberTab(tabId, shown('doc-b'), Promise.resolve())).toBe(true);
    await forgetTab(tabId);
    expect(tabStillCurrent(tabId, 'doc-b', tabGeneration(tabId))).toBe(false);
    expect(rememberTab(tabId, shown('doc-b'), Promise.resolve())).toBe(false);
    // The tab's next document (the clinician came back to the EHR) is read as usual.
    expect(rememberTab(tabId, shown('doc-c'), Promise.resolve())).toBe(true);
  });

  it('is final for a closed tab', async () => {
    const tabId = 103;
    await forgetTab(tabId, { closed: true });
    expect(rememberTab(tabId, shown('doc-d'), Promise.resolve())).toBe(false);
  });
});

describe('frame reports are bound to the frame’s current document', () => {
  it('drops a report from a document the frame has replaced', () => {
    const documents = createFrameDocuments();
    expect(documents.accept(1, 4, 'old')).toBe(true);
    expect(documents.accept(1, 4, 'new')).toBe(true);
    expect(documents.accept(1, 4, 'old')).toBe(false);
    expect(documents.accept(1, 4, 'new')).toBe(true);
  });

  it('drops every report of a forgotten tab’s documents', () => {
    const documents = createFrameDocuments();
    documents.accept(2, 4, 'framed');
    documents.forgetTab(2);
    expect(documents.accept(2, 4, 'framed')).toBe(false);
  });
});
