// The section ids of the statement as shipped: stable anchors (`#cookies`) that links in e-mails depend on.

/** Section ids in the order the statement reads; the table of contents follows this order. */
export const SECTION_IDS = [
  'personal-information',
  'using-and-sharing',
  'fulfilling-your-transaction-request',
  'marketing-use',
  'human-resources',
  'business-partners',
  'supplier-administration',
  'discussion-forums',
  'other-notices',
  'worldwide-practices',
  'information-security',
  'supplementing-information',
  'use-of-suppliers',
  'mergers-and-acquisitions',
  'cookies',
  'service-quality-monitoring',
  'online-advertising',
  'personalized-url',
  'disclosures-required-by-law',
  'privacy-technology',
  'links-to-non-lenovo-sites',
  'frames',
  'notification-of-changes',
  'privacy-questions-and-access',
] as const;

export type SectionId = (typeof SECTION_IDS)[number];
