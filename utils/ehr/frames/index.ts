/**
 * Frames: an EHR built from frames shows one chart across many documents. where.ts says where a
 * document sits and the patient key its reader finds, address.ts what a frame's address says
 * about whose chart it holds, and merge.ts joins the frames' readings into one chart without
 * mixing patients.
 */
export * from './address';
export * from './merge';
export * from './where';
