// The contact lines we ship: the seed page's US lines, the only real numbers we have (DESIGN.md).
// They are US toll-free numbers: they serve the US and can be dialled from the US and Canada only. A region
// without lines of its own says so and shows them as what they are (`fallback`): US lines, never its own.
// To add a country's lines, see README "Add a country's phone lines".
import type { ContactLineInput } from './contacts.js';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

export const contactLineData: readonly ContactLineInput[] = [
  {
    id: 'order-help',
    number: '+18552536686',
    vanity: '1-855-2-LENOVO',
    option: 1,
    timeZone: 'America/New_York',
    hours: [
      { days: [...weekdays], open: '09:00', close: '21:00' },
      { days: ['sat'], open: '09:00', close: '18:00' },
    ],
    regions: ['us'],
    dialableFrom: ['us', 'ca'],
    fallback: true,
  },
  {
    id: 'existing-order',
    number: '+18552536686',
    vanity: '1-855-2-LENOVO',
    option: 2,
    timeZone: 'America/New_York',
    hours: [
      { days: [...weekdays], open: '09:00', close: '21:00' },
      { days: ['sat'], open: '09:00', close: '17:30' },
    ],
    regions: ['us'],
    dialableFrom: ['us', 'ca'],
    fallback: true,
  },
  {
    id: 'outlet',
    number: '+18776984465',
    option: 1,
    timeZone: 'America/New_York',
    hours: [
      { days: [...weekdays], open: '09:00', close: '21:00' },
      { days: ['sat'], open: '09:00', close: '18:00' },
    ],
    regions: ['us'],
    dialableFrom: ['us', 'ca'],
    fallback: true,
  },
  {
    id: 'payment',
    number: '+18004263325',
    option: 3,
    timeZone: 'America/New_York',
    hours: [{ days: [...weekdays], open: '09:00', close: '17:30' }],
    regions: ['us'],
    dialableFrom: ['us', 'ca'],
    fallback: true,
  },
];

/** The privacy statement's e-mail addresses (section "How to contact us"): they work from anywhere. */
export const anywhereEmails: readonly string[] = ['privcy@us.lenovo.com', 'lnvinfo@lenovo.com'];
