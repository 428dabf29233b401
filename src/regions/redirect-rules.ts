// Redirect rules as data: region aliases and legacy paths, each checked at start-up.
import type { PageId } from '../shell/routes.js';

/** Codes people and old links use that are not the ISO code of the region. */
export const regionAliases: Readonly<Record<string, string>> = {
  uk: 'gb',
};

export interface RedirectRule {
  /** A path pattern; `:cc` and `:lang` stand for a region and one of its languages. Lower case. */
  from: string;
  /** The page it lands on, in the same site (or the region's default language). */
  to: PageId;
  /** Only for these regions; every region when absent. */
  regions?: readonly string[];
  /** Why the rule exists, in a sentence; checked non-empty at start-up. Where the origin of an old path is not recorded, it says so. */
  reason: string;
}

/** The origin of these legacy paths was not recorded when the rules were written; they are kept because links may use them. */
const UNRECORDED = 'legacy path form kept for old links; where it was published is not recorded';

export const redirectRules: readonly RedirectRule[] = [
  {
    from: '/lenovo/:cc/:lang/privacy.html',
    to: 'privacy',
    reason: `Pages under /lenovo/ (old path prefix, .html form or not): ${UNRECORDED}.`,
  },
  { from: '/lenovo/:cc/:lang/privacy', to: 'privacy', reason: `Pages under /lenovo/ (old path prefix, .html form or not): ${UNRECORDED}.` },
  { from: '/:cc/:lang/privacy-policy', to: 'privacy', reason: `The privacy statement under a common alternative name: ${UNRECORDED}.` },
  { from: '/:cc/:lang/privacy-statement', to: 'privacy', reason: `The privacy statement under a common alternative name: ${UNRECORDED}.` },
  { from: '/:cc/:lang/legal/privacy', to: 'privacy', reason: `The privacy statement under a common alternative name: ${UNRECORDED}.` },
  { from: '/:cc/:lang/contact', to: 'contact', reason: `The contact page under a common alternative name: ${UNRECORDED}.` },
  { from: '/:cc/:lang/contact-us', to: 'contact', reason: `The contact page under a common alternative name: ${UNRECORDED}.` },
  { from: '/:cc/:lang/support/contact-us', to: 'contact', reason: `The contact page under a common alternative name: ${UNRECORDED}.` },
  { from: '/:cc/:lang/country-selector', to: 'regions', reason: `The region selector under a descriptive name: ${UNRECORDED}.` },
  {
    from: '/lenovo/:cc/:lang/contact-us.html',
    to: 'contact',
    reason: `Pages under /lenovo/ (old path prefix, .html form or not): ${UNRECORDED}.`,
  },
  { from: '/:cc/:lang/privacy-notice', to: 'privacy', regions: ['gb'], reason: 'The UK site’s old privacy notice address.' },
];
