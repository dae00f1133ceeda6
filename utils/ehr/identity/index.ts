/**
 * Identity: what runs before the banner. A content script chooses the page's reader (selector
 * pack, built-in adapter or the generic reader; read-page.ts), reads who the page shows and
 * resolves it to one name, one birth date, one record number or a problem that says why not
 * (resolve.ts, reading.ts), then watches those elements for a change of patient (observe.ts).
 * Nothing here waits for a chart section: those load afterwards (../sections/).
 */
export * from './observe';
export * from './read-page';
export * from './reading';
export * from './resolve';
