// The statement's versions as shipped: the seed's version of 2 January 2014 only. See README "Publish a new version".
import { SECTION_IDS } from './sections.js';

export const statementVersionData = {
  /**
   * A version takes effect at 00:00 of its date in this zone, on every site alike. Why this zone: the
   * seed's statement names none, and every time the seed gives (its US contact hours, "EST") is US Eastern.
   */
  timeZone: 'America/New_York',
  versions: [
    {
      effective: '2014-01-02',
      // The seed says only that the statement "was last updated on January 2, 2014"; whether that change was material is not recorded.
      material: null,
      // Its text is the current one, in locales/{locale}/privacy.json.
      text: 'privacy.json',
      sections: [...SECTION_IDS],
    },
  ],
};
