// The site's navigation: one tree for the header mega-menu, the footer and the category pages.
// A node with children is a category page at `/{cc}/{lang}/{path}` that lists them; a leaf links to
// a page of this site, to the shop, or to its entry on its category page. Labels: locales/{locale}/nav.json.
import type { NavNodeInput } from './navigation.js';

const leaves = (...ids: string[]): NavNodeInput[] => ids.map((id) => ({ id }));

export const navigationData: readonly NavNodeInput[] = [
  {
    id: 'products',
    children: [
      {
        id: 'laptops',
        children: [
          { id: 'view-all', link: { shop: 'laptops' } },
          ...leaves(
            'lenovo-b-series', 'lenovo-flex-series', 'lenovo-g-series', 'lenovo-lavie', 'lenovo-n-series',
            'lenovo-s-series', 'lenovo-u-series', 'lenovo-y-series', 'lenovo-yoga-series', 'lenovo-z-series',
            'thinkpad-11e', 'thinkpad-e', 'thinkpad-helix', 'thinkpad-l', 'thinkpad-t', 'thinkpad-w', 'thinkpad-x',
            'thinkpad-yoga',
          ),
        ],
      },
      {
        id: 'tablets',
        children: [
          { id: 'view-all', link: { shop: 'tablets' } },
          ...leaves('lenovo-a-series', 'lenovo-miix', 'lenovo-s-series', 'lenovo-yoga', 'thinkpad-helix-2nd-gen', 'thinkpad-10', 'thinkpad-yoga'),
        ],
      },
      {
        id: 'desktops',
        children: [
          { id: 'view-all', link: { shop: 'desktops' } },
          ...leaves(
            'a-series-all-in-ones', 'b-series-all-in-ones', 'c-series-all-in-ones', 'h-series-towers',
            'horizon-table-pcs', 'k-series-towers', 'm-series-all-in-ones', 'm-series-sff', 'm-series-thin-clients',
            'm-series-tiny', 'm-series-towers', 'q-series-minis', 'erazer-x-series',
          ),
        ],
      },
      ...leaves('workstations', 'servers', 'accessories', 'services'),
      ...leaves(
        'smartphones', 'holiday-deals', 'gift-cards', 'photo-service', 'gaming', 'discover', 'showcase',
        'announcements', 'outlet',
      ).map((n) => ({ ...n, placement: 'footer' as const })),
    ],
  },
  {
    id: 'deals',
    placement: 'header',
    regions: ['us'],
    children: [
      {
        id: 'current-offers',
        expand: true,
        children: leaves(
          'home-laptops-sale', 'professional-laptops-sale', 'desktops-sale', 'tablets-sale', 'accessories-deals',
          'coupons', 'students-and-educators', 'outlet',
        ),
      },
      { id: 'dive-into-savings', described: true },
      { id: 'need-it-quick', described: true },
      { id: 'thinkcentre-sale', described: true },
    ],
  },
  {
    id: 'for-work',
    placement: 'header',
    children: leaves(
      'small-business', 'large-enterprise', 'state-local-government', 'federal-government', 'k12-education',
      'higher-education', 'students', 'business-partners', 'resource-center',
    ),
  },
  {
    id: 'about',
    placement: 'footer',
    children: [
      ...leaves(
        'our-company', 'culture', 'news', 'investor-relations', 'management', 'community', 'history',
        'social-responsibility', 'product-security', 'legal-information',
      ),
      { id: 'privacy', link: { page: 'privacy' } },
      ...leaves('jobs', 'articles'),
    ],
  },
  {
    id: 'shop-by-industry',
    placement: 'footer',
    children: leaves(
      'home-office', 'small-business-store', 'large-enterprise', 'state-local-government', 'federal-government',
      'healthcare', 'k12-education', 'higher-education', 'students', 'business-partners', 'partner-portal', 'military',
    ),
  },
  {
    id: 'resources',
    placement: 'footer',
    children: leaves(
      'resource-center', 'where-to-buy', 'product-registration', 'product-accessibility', 'environmental-information',
      'training', 'blogs', 'forums', 'customer-feedback', 'reset-homepage', 'affinity-discount-program',
      'help-me-find-a-pc',
    ),
  },
  {
    id: 'customer-support',
    placement: 'footer',
    children: [
      { id: 'contact-us', link: { page: 'contact' } },
      { id: 'shopping-help', link: { page: 'support' } },
      { id: 'faqs' },
      { id: 'order-status', link: { shop: 'order-status' } },
      { id: 'support', link: { page: 'support' } },
    ],
  },
];

/** Paths on the shop (appended to SHOP_BASE_URL/{cc}/{lang}/) for commerce functions this site does not serve. */
export const shopPaths: Readonly<Record<string, string>> = {
  cart: 'cart',
  account: 'account',
  'order-status': 'orderstatus',
  search: 'search',
  laptops: 'laptops',
  tablets: 'tablets',
  desktops: 'desktops',
};

/** Social profiles of the footer (external sites). */
export const socialLinks: readonly { id: string; href: string }[] = [
  { id: 'facebook', href: 'https://www.facebook.com/lenovo' },
  { id: 'twitter', href: 'https://twitter.com/lenovo' },
  { id: 'youtube', href: 'https://www.youtube.com/lenovo' },
  { id: 'pinterest', href: 'https://www.pinterest.com/lenovo/' },
  { id: 'flickr', href: 'https://www.flickr.com/photos/lenovophotolab' },
  { id: 'forums', href: 'https://forums.lenovo.com/' },
];
