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
}

export const redirectRules: readonly RedirectRule[] = [
  { from: '/lenovo/:cc/:lang/privacy.html', to: 'privacy' },
  { from: '/lenovo/:cc/:lang/privacy', to: 'privacy' },
  { from: '/:cc/:lang/privacy-policy', to: 'privacy' },
  { from: '/:cc/:lang/privacy-statement', to: 'privacy' },
  { from: '/:cc/:lang/legal/privacy', to: 'privacy' },
  { from: '/:cc/:lang/contact', to: 'contact' },
  { from: '/:cc/:lang/contact-us', to: 'contact' },
  { from: '/:cc/:lang/support/contact-us', to: 'contact' },
  { from: '/:cc/:lang/country-selector', to: 'regions' },
  { from: '/lenovo/:cc/:lang/contact-us.html', to: 'contact' },
  // The UK site's old privacy notice address.
  { from: '/:cc/:lang/privacy-notice', to: 'privacy', regions: ['gb'] },
];
