/** Every page of the gallery, in the order the report lists them. */
import type { GalleryPageDefinition } from '../types';
import { framesetMrn } from './frameset-mrn/page';
import { framesetSession } from './frameset-session/page';
import { lazyTabs } from './lazy-tabs/page';
import { litShadow } from './lit-shadow/page';
import { mergeCompare } from './merge-compare/page';
import { othersNames } from './others-names/page';
import { reactMui } from './react-mui/page';
import { slow } from './slow/page';

export const GALLERY_PAGES: GalleryPageDefinition[] = [
  reactMui,
  litShadow,
  framesetMrn,
  framesetSession,
  lazyTabs,
  othersNames,
  mergeCompare,
  slow,
];
