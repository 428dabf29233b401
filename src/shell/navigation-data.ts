// The site's navigation, the one data file of what the header, the footer, the category pages and
// the site map link to, and where each entry applies. Validated at start-up (src/shell/navigation.ts):
// a bad entry stops the start, naming this file and the entry. Labels: locales/{locale}/nav.json.
//
// Every leaf links somewhere a visitor can use: a page of this site (`page`), the shop (`shop`, a path
// below SHOP_BASE_URL/{cc}/{lang}/), the technical support site (`support`, a path below
// SUPPORT_BASE_URL/{cc}/{lang}/) or another site (`external`, an https URL). A node with children is a
// category page at `/{cc}/{lang}/{path}` that links to each of them. `regions` limits an entry (and
// its children) to those regions' sites; two entries with different ids never share a destination
// unless one names the other with `aliasOf`.
//
// The shop and support paths follow lenovo.com's own layout but were not checked against the live
// shop from here (no network): the shop team owns them, and this is the one place to correct them.
import type { NavNodeInput, SocialLinkInput } from './navigation.js';

/** Entries that link to the shop at `{base}/{id}`. */
const shop = (base: string, ...ids: string[]): NavNodeInput[] => ids.map((id) => ({ id, link: { shop: `${base}/${id}` } }));

/** US public-sector content: only the US site offers it. */
const US_ONLY = ['us'];

export const navigationData: readonly NavNodeInput[] = [
  {
    id: 'products',
    children: [
      {
        id: 'laptops',
        children: [
          { id: 'view-all', link: { shop: 'laptops' } },
          ...shop(
            'laptops',
            'lenovo-b-series',
            'lenovo-flex-series',
            'lenovo-g-series',
            'lenovo-lavie',
            'lenovo-n-series',
            'lenovo-s-series',
            'lenovo-u-series',
            'lenovo-y-series',
            'lenovo-yoga-series',
            'lenovo-z-series',
            'thinkpad-11e',
            'thinkpad-e',
            'thinkpad-helix',
            'thinkpad-l',
            'thinkpad-t',
            'thinkpad-w',
            'thinkpad-x',
            'thinkpad-yoga',
          ),
        ],
      },
      {
        id: 'tablets',
        children: [
          { id: 'view-all', link: { shop: 'tablets' } },
          ...shop(
            'tablets',
            'lenovo-a-series',
            'lenovo-miix',
            'lenovo-s-series',
            'lenovo-yoga',
            'thinkpad-helix-2nd-gen',
            'thinkpad-10',
            'thinkpad-yoga',
          ),
        ],
      },
      {
        id: 'desktops',
        children: [
          { id: 'view-all', link: { shop: 'desktops' } },
          ...shop(
            'desktops',
            'a-series-all-in-ones',
            'b-series-all-in-ones',
            'c-series-all-in-ones',
            'h-series-towers',
            'horizon-table-pcs',
            'k-series-towers',
            'm-series-all-in-ones',
            'm-series-sff',
            'm-series-thin-clients',
            'm-series-tiny',
            'm-series-towers',
            'q-series-minis',
            'erazer-x-series',
          ),
        ],
      },
      ...shop('products', 'workstations', 'servers', 'accessories', 'services'),
      ...shop(
        'products',
        'smartphones',
        'holiday-deals',
        'gift-cards',
        'photo-service',
        'gaming',
        'discover',
        'showcase',
        'announcements',
        'outlet',
      ).map((n) => ({ ...n, placement: 'footer' as const })),
    ],
  },
  {
    id: 'deals',
    placement: 'header',
    regions: US_ONLY,
    children: [
      {
        id: 'current-offers',
        expand: true,
        children: shop(
          'deals',
          'home-laptops-sale',
          'professional-laptops-sale',
          'desktops-sale',
          'tablets-sale',
          'accessories-deals',
          'coupons',
          'students-and-educators',
          'outlet',
        ),
      },
      ...shop('deals', 'dive-into-savings', 'need-it-quick', 'thinkcentre-sale').map((n) => ({ ...n, described: true })),
    ],
  },
  {
    id: 'for-work',
    placement: 'header',
    children: [
      ...shop('business', 'small-business', 'large-enterprise'),
      ...shop('business', 'state-local-government', 'federal-government', 'k12-education').map((n) => ({ ...n, regions: US_ONLY })),
      ...shop('business', 'higher-education', 'students', 'business-partners', 'resource-center'),
    ],
  },
  {
    id: 'about',
    placement: 'footer',
    children: [
      ...shop(
        'about',
        'our-company',
        'culture',
        'news',
        'investor-relations',
        'management',
        'community',
        'history',
        'social-responsibility',
        'product-security',
        'legal-information',
      ),
      { id: 'privacy', link: { page: 'privacy' } },
      ...shop('about', 'jobs', 'articles'),
    ],
  },
  {
    id: 'shop-by-industry',
    placement: 'footer',
    children: [
      ...shop('business', 'home-office', 'small-business-store', 'large-enterprise'),
      ...shop('business', 'state-local-government', 'federal-government').map((n) => ({ ...n, regions: US_ONLY })),
      ...shop('business', 'healthcare'),
      ...shop('business', 'k12-education').map((n) => ({ ...n, regions: US_ONLY })),
      ...shop('business', 'higher-education', 'students', 'business-partners', 'partner-portal'),
      ...shop('business', 'military').map((n) => ({ ...n, regions: US_ONLY })),
    ],
  },
  {
    id: 'resources',
    placement: 'footer',
    children: [
      ...shop('business', 'resource-center'),
      ...shop('resources', 'where-to-buy'),
      { id: 'product-registration', link: { support: 'productregistration' } },
      { id: 'product-accessibility', link: { support: 'accessibility' } },
      ...shop('resources', 'environmental-information', 'training', 'blogs'),
      { id: 'forums', link: { external: 'https://forums.lenovo.com/' }, aliasOf: 'social:forums' },
      ...shop('resources', 'customer-feedback', 'reset-homepage', 'affinity-discount-program', 'help-me-find-a-pc'),
    ],
  },
  {
    id: 'customer-support',
    placement: 'footer',
    children: [
      { id: 'contact-us', link: { page: 'contact' } },
      // The seed's footer has both; they lead to the same hub, and say so here.
      { id: 'shopping-help', link: { page: 'support' }, aliasOf: 'customer-support/support' },
      { id: 'faqs', link: { support: 'faq' } },
      { id: 'order-status', link: { shop: 'orderstatus' } },
      { id: 'support', link: { page: 'support' } },
    ],
  },
];

/** Paths on the shop (appended to SHOP_BASE_URL/{cc}/{lang}/) for the header's commerce functions, the support pages and the footer's terms. */
export const shopPaths: Readonly<Record<string, string>> = {
  cart: 'cart',
  account: 'account',
  'order-status': 'orderstatus',
  search: 'search',
  // The shop's terms of use, linked from every footer's legal line as the seed's "Terms of Use".
  'terms-of-use': 'legal/terms-of-use',
};

/** Destinations on the technical support site (appended to SUPPORT_BASE_URL/{cc}/{lang}/): the support hub's technical cards. */
export const supportPaths: Readonly<Record<string, string>> = {
  pc: 'solutions/pc',
  servers: 'solutions/servers',
  storage: 'solutions/storage',
  accessories: 'solutions/accessories',
};

/**
 * Social profiles of the footer (external sites), and the regions that block each. Mainland China
 * blocks Facebook, Twitter/X, YouTube, Pinterest and Flickr; Russia has blocked Facebook and Twitter/X
 * since March 2022. A region with its own accounts would get them here, with their real URLs; none is
 * invented.
 */
export const socialLinks: readonly SocialLinkInput[] = [
  { id: 'facebook', href: 'https://www.facebook.com/lenovo', blockedIn: ['cn', 'ru'] },
  { id: 'twitter', href: 'https://twitter.com/lenovo', blockedIn: ['cn', 'ru'] },
  { id: 'youtube', href: 'https://www.youtube.com/lenovo', blockedIn: ['cn'] },
  { id: 'pinterest', href: 'https://www.pinterest.com/lenovo/', blockedIn: ['cn'] },
  { id: 'flickr', href: 'https://www.flickr.com/photos/lenovophotolab', blockedIn: ['cn'] },
  { id: 'forums', href: 'https://forums.lenovo.com/' },
];
