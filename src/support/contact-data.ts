// The contact lines we ship: the seed page's US lines, the only real numbers we have.
// They also serve as the global lines for every region without lines of its own (DESIGN.md).
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
    global: true,
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
    global: true,
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
    global: true,
  },
  {
    id: 'payment',
    number: '+18004263325',
    option: 3,
    timeZone: 'America/New_York',
    hours: [{ days: [...weekdays], open: '09:00', close: '17:30' }],
    regions: ['us'],
    global: true,
  },
];
