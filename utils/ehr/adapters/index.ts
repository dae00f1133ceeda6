/**
 * Every built-in EHR adapter, in the order they are tried. One file per adapter, each with saved
 * pages in `fixtures/<id>/`; tests/unit/ehr/registry.test.ts checks that every adapter here has
 * fixtures, recognises them, and recognises nobody else's.
 */
import type { EhrAdapter } from '../types';
import { demoAdapter } from './demo';
import { openEmrAdapter } from './openemr';

export const ADAPTERS: EhrAdapter[] = [demoAdapter, openEmrAdapter];
