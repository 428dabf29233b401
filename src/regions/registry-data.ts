// The region registry: every country/region of the seed's selector, with its languages, time zone and continent.
// Language rule: seed variants are kept as listed (be nl+fr, ca en+fr, ch de+fr, hk zh first then en). Every other
// region gets ONE local language, the one dominating its web and online commerce: (1) Arab League members and Western
// Sahara -> 'ar' (incl. Comoros, Djibouti, Somalia); (2) else the national language used by government, media and shops
// (ja, ko, th, vi, id, bn, my, am, ti, sw for Tanzania, ru for Kazakhstan, ...); (3) else the official language of
// administration: fr / pt / es in francophone, lusophone, hispanophone states, en where English is the language of online
// commerce (India, Pakistan, Sri Lanka, Philippines, Malaysia, Singapore, Rwanda, anglophone Africa). English comes last, unless local.
// (4) A second local language is added (field `added`, listed in the selector too) where it is, beside the first, a language
// of online commerce: French in the Maghreb (Morocco, Algeria, Tunisia) and Mauritania, where shops, banks and the press
// trade in French beside Arabic, and in Djibouti and the Comoros, where French is an official language of administration and
// business. Lebanon is not among them: French is taught and read there, but online shops trade in Arabic and English.
import type { RegionInput, TextVariantInput } from './registry.js';

const FRENCH_IN_THE_MAGHREB = 'French is a language of online commerce in the Maghreb, beside Arabic';
const FRENCH_OFFICIAL = 'French is an official language, of administration and business, beside Arabic';

export const regionData: readonly RegionInput[] = [
  {
    code: 'ae',
    continent: 'asia',
    timeZone: 'Asia/Dubai',
    languages: [
      { lang: 'ar', locale: 'ar-AE', seedName: 'United Arab Emirates' },
      { lang: 'en', locale: 'en-AE' },
    ],
  },
  {
    code: 'ao',
    continent: 'africa',
    timeZone: 'Africa/Luanda',
    languages: [
      { lang: 'pt', locale: 'pt-AO', seedName: 'Angola' },
      { lang: 'en', locale: 'en-AO' },
    ],
  },
  {
    code: 'ar',
    continent: 'south-america',
    timeZone: 'America/Argentina/Buenos_Aires',
    languages: [
      { lang: 'es', locale: 'es-AR', seedName: 'Argentina' },
      { lang: 'en', locale: 'en-AR' },
    ],
  },
  {
    code: 'at',
    continent: 'europe',
    timeZone: 'Europe/Vienna',
    languages: [
      { lang: 'de', locale: 'de-AT', seedName: 'Austria' },
      { lang: 'en', locale: 'en-AT' },
    ],
  },
  {
    code: 'au',
    continent: 'oceania',
    timeZone: 'Australia/Sydney',
    languages: [{ lang: 'en', locale: 'en-AU', seedName: 'Australia' }],
  },
  {
    code: 'bd',
    continent: 'asia',
    timeZone: 'Asia/Dhaka',
    languages: [
      { lang: 'bn', locale: 'bn-BD', seedName: 'Bangladesh' },
      { lang: 'en', locale: 'en-BD' },
    ],
  },
  {
    code: 'be',
    continent: 'europe',
    timeZone: 'Europe/Brussels',
    languages: [
      { lang: 'nl', locale: 'nl-BE', seedName: 'Belgium - Dutch' },
      { lang: 'fr', locale: 'fr-BE', seedName: 'Belgium - Francais' },
      { lang: 'en', locale: 'en-BE' },
    ],
  },
  {
    code: 'bf',
    continent: 'africa',
    timeZone: 'Africa/Ouagadougou',
    languages: [
      { lang: 'fr', locale: 'fr-BF', seedName: 'Burkina' },
      { lang: 'en', locale: 'en-BF' },
    ],
  },
  {
    code: 'bg',
    continent: 'europe',
    timeZone: 'Europe/Sofia',
    languages: [
      { lang: 'bg', locale: 'bg-BG', seedName: 'Bulgaria' },
      { lang: 'en', locale: 'en-BG' },
    ],
  },
  {
    code: 'bh',
    continent: 'asia',
    timeZone: 'Asia/Bahrain',
    languages: [
      { lang: 'ar', locale: 'ar-BH', seedName: 'Bahrain' },
      { lang: 'en', locale: 'en-BH' },
    ],
  },
  {
    code: 'bi',
    continent: 'africa',
    timeZone: 'Africa/Bujumbura',
    languages: [
      { lang: 'fr', locale: 'fr-BI', seedName: 'Burundi' },
      { lang: 'en', locale: 'en-BI' },
    ],
  },
  {
    code: 'bj',
    continent: 'africa',
    timeZone: 'Africa/Porto-Novo',
    languages: [
      { lang: 'fr', locale: 'fr-BJ', seedName: 'Benin' },
      { lang: 'en', locale: 'en-BJ' },
    ],
  },
  {
    code: 'bo',
    continent: 'south-america',
    timeZone: 'America/La_Paz',
    languages: [
      { lang: 'es', locale: 'es-BO', seedName: 'Bolivia' },
      { lang: 'en', locale: 'en-BO' },
    ],
  },
  {
    code: 'br',
    continent: 'south-america',
    timeZone: 'America/Sao_Paulo',
    languages: [
      { lang: 'pt', locale: 'pt-BR', seedName: 'Brazil' },
      { lang: 'en', locale: 'en-BR' },
    ],
  },
  {
    code: 'bw',
    continent: 'africa',
    timeZone: 'Africa/Gaborone',
    languages: [{ lang: 'en', locale: 'en-BW', seedName: 'Botswana' }],
  },
  {
    code: 'ca',
    continent: 'north-america',
    timeZone: 'America/Toronto',
    languages: [
      { lang: 'en', locale: 'en-CA', seedName: 'Canada - English' },
      { lang: 'fr', locale: 'fr-CA', seedName: 'Canada - Français' },
    ],
  },
  {
    code: 'cd',
    continent: 'africa',
    timeZone: 'Africa/Kinshasa',
    languages: [
      { lang: 'fr', locale: 'fr-CD', seedName: 'Congo, Dem. Rep. (Kinshasa)' },
      { lang: 'en', locale: 'en-CD' },
    ],
  },
  {
    code: 'cf',
    continent: 'africa',
    timeZone: 'Africa/Bangui',
    languages: [
      { lang: 'fr', locale: 'fr-CF', seedName: 'Central African Republic' },
      { lang: 'en', locale: 'en-CF' },
    ],
  },
  {
    code: 'cg',
    continent: 'africa',
    timeZone: 'Africa/Brazzaville',
    languages: [
      { lang: 'fr', locale: 'fr-CG', seedName: 'Congo, Rep. (Brazzaville)' },
      { lang: 'en', locale: 'en-CG' },
    ],
  },
  {
    code: 'ch',
    continent: 'europe',
    timeZone: 'Europe/Zurich',
    languages: [
      { lang: 'de', locale: 'de-CH', seedName: 'Switzerland - Deutsch' },
      { lang: 'fr', locale: 'fr-CH', seedName: 'Switzerland - Français' },
      { lang: 'en', locale: 'en-CH' },
    ],
  },
  {
    code: 'ci',
    continent: 'africa',
    timeZone: 'Africa/Abidjan',
    languages: [
      { lang: 'fr', locale: 'fr-CI', seedName: "Côte d'Ivoire (Ivory Coast)" },
      { lang: 'en', locale: 'en-CI' },
    ],
  },
  {
    code: 'cl',
    continent: 'south-america',
    timeZone: 'America/Santiago',
    languages: [
      { lang: 'es', locale: 'es-CL', seedName: 'Chile' },
      { lang: 'en', locale: 'en-CL' },
    ],
  },
  {
    code: 'cm',
    continent: 'africa',
    timeZone: 'Africa/Douala',
    languages: [
      { lang: 'fr', locale: 'fr-CM', seedName: 'Cameroon' },
      { lang: 'en', locale: 'en-CM' },
    ],
  },
  {
    code: 'cn',
    continent: 'asia',
    timeZone: 'Asia/Shanghai',
    languages: [
      { lang: 'zh', locale: 'zh-Hans-CN', seedName: 'China' },
      { lang: 'en', locale: 'en-CN' },
    ],
  },
  {
    code: 'co',
    continent: 'south-america',
    timeZone: 'America/Bogota',
    languages: [
      { lang: 'es', locale: 'es-CO', seedName: 'Colombia' },
      { lang: 'en', locale: 'en-CO' },
    ],
  },
  {
    code: 'cv',
    continent: 'africa',
    timeZone: 'Atlantic/Cape_Verde',
    languages: [
      { lang: 'pt', locale: 'pt-CV', seedName: 'Cape Verde' },
      { lang: 'en', locale: 'en-CV' },
    ],
  },
  {
    code: 'cz',
    continent: 'europe',
    timeZone: 'Europe/Prague',
    languages: [
      { lang: 'cs', locale: 'cs-CZ', seedName: 'Czech Republic' },
      { lang: 'en', locale: 'en-CZ' },
    ],
  },
  {
    code: 'de',
    continent: 'europe',
    timeZone: 'Europe/Berlin',
    languages: [
      { lang: 'de', locale: 'de-DE', seedName: 'Deutschland' },
      { lang: 'en', locale: 'en-DE' },
    ],
  },
  {
    code: 'dj',
    continent: 'africa',
    timeZone: 'Africa/Djibouti',
    languages: [
      { lang: 'ar', locale: 'ar-DJ', seedName: 'Djibouti' },
      { lang: 'fr', locale: 'fr-DJ', added: FRENCH_OFFICIAL },
      { lang: 'en', locale: 'en-DJ' },
    ],
  },
  {
    code: 'dk',
    continent: 'europe',
    timeZone: 'Europe/Copenhagen',
    languages: [
      { lang: 'da', locale: 'da-DK', seedName: 'Denmark' },
      { lang: 'en', locale: 'en-DK' },
    ],
  },
  {
    code: 'dz',
    continent: 'africa',
    timeZone: 'Africa/Algiers',
    languages: [
      { lang: 'ar', locale: 'ar-DZ', seedName: 'Algeria' },
      { lang: 'fr', locale: 'fr-DZ', added: FRENCH_IN_THE_MAGHREB },
      { lang: 'en', locale: 'en-DZ' },
    ],
  },
  {
    code: 'ec',
    continent: 'south-america',
    timeZone: 'America/Guayaquil',
    languages: [
      { lang: 'es', locale: 'es-EC', seedName: 'Ecuador' },
      { lang: 'en', locale: 'en-EC' },
    ],
  },
  {
    code: 'ee',
    continent: 'europe',
    timeZone: 'Europe/Tallinn',
    languages: [
      { lang: 'et', locale: 'et-EE', seedName: 'Estonia' },
      { lang: 'en', locale: 'en-EE' },
    ],
  },
  {
    code: 'eg',
    continent: 'africa',
    timeZone: 'Africa/Cairo',
    languages: [
      { lang: 'ar', locale: 'ar-EG', seedName: 'Egypt' },
      { lang: 'en', locale: 'en-EG' },
    ],
  },
  {
    code: 'eh',
    continent: 'africa',
    timeZone: 'Africa/El_Aaiun',
    languages: [
      { lang: 'ar', locale: 'ar-EH', seedName: 'Western Sahara' },
      { lang: 'en', locale: 'en-EH' },
    ],
  },
  {
    code: 'er',
    continent: 'africa',
    timeZone: 'Africa/Asmara',
    languages: [
      { lang: 'ti', locale: 'ti-ER', seedName: 'Eritrea' },
      { lang: 'en', locale: 'en-ER' },
    ],
  },
  {
    code: 'es',
    continent: 'europe',
    timeZone: 'Europe/Madrid',
    languages: [
      { lang: 'es', locale: 'es-ES', seedName: 'Spain' },
      { lang: 'en', locale: 'en-ES' },
    ],
  },
  {
    code: 'et',
    continent: 'africa',
    timeZone: 'Africa/Addis_Ababa',
    languages: [
      { lang: 'am', locale: 'am-ET', seedName: 'Ethiopia' },
      { lang: 'en', locale: 'en-ET' },
    ],
  },
  {
    code: 'fi',
    continent: 'europe',
    timeZone: 'Europe/Helsinki',
    languages: [
      { lang: 'fi', locale: 'fi-FI', seedName: 'Finland' },
      { lang: 'en', locale: 'en-FI' },
    ],
  },
  {
    code: 'fr',
    continent: 'europe',
    timeZone: 'Europe/Paris',
    languages: [
      { lang: 'fr', locale: 'fr-FR', seedName: 'France' },
      { lang: 'en', locale: 'en-FR' },
    ],
  },
  {
    code: 'ga',
    continent: 'africa',
    timeZone: 'Africa/Libreville',
    languages: [
      { lang: 'fr', locale: 'fr-GA', seedName: 'Gabon' },
      { lang: 'en', locale: 'en-GA' },
    ],
  },
  {
    code: 'gb',
    continent: 'europe',
    timeZone: 'Europe/London',
    languages: [{ lang: 'en', locale: 'en-GB', seedName: 'United Kingdom' }],
  },
  {
    code: 'gh',
    continent: 'africa',
    timeZone: 'Africa/Accra',
    languages: [{ lang: 'en', locale: 'en-GH', seedName: 'Ghana' }],
  },
  {
    code: 'gm',
    continent: 'africa',
    timeZone: 'Africa/Banjul',
    languages: [{ lang: 'en', locale: 'en-GM', seedName: 'Gambia, The' }],
  },
  {
    code: 'gn',
    continent: 'africa',
    timeZone: 'Africa/Conakry',
    languages: [
      { lang: 'fr', locale: 'fr-GN', seedName: 'Guinea' },
      { lang: 'en', locale: 'en-GN' },
    ],
  },
  {
    code: 'gq',
    continent: 'africa',
    timeZone: 'Africa/Malabo',
    languages: [
      { lang: 'es', locale: 'es-GQ', seedName: 'Equatorial Guinea' },
      { lang: 'en', locale: 'en-GQ' },
    ],
  },
  {
    code: 'gr',
    continent: 'europe',
    timeZone: 'Europe/Athens',
    languages: [
      { lang: 'el', locale: 'el-GR', seedName: 'Greece' },
      { lang: 'en', locale: 'en-GR' },
    ],
  },
  {
    code: 'gw',
    continent: 'africa',
    timeZone: 'Africa/Bissau',
    languages: [
      { lang: 'pt', locale: 'pt-GW', seedName: 'Guinea-Bissau' },
      { lang: 'en', locale: 'en-GW' },
    ],
  },
  {
    code: 'hk',
    continent: 'asia',
    timeZone: 'Asia/Hong_Kong',
    languages: [
      { lang: 'zh', locale: 'zh-Hant-HK', seedName: 'Hong Kong S.A.R of China - 繁體中文' },
      { lang: 'en', locale: 'en-HK', seedName: 'Hong Kong S.A.R of China - English' },
    ],
  },
  {
    code: 'hr',
    continent: 'europe',
    timeZone: 'Europe/Zagreb',
    languages: [
      { lang: 'hr', locale: 'hr-HR', seedName: 'Croatia' },
      { lang: 'en', locale: 'en-HR' },
    ],
  },
  {
    code: 'hu',
    continent: 'europe',
    timeZone: 'Europe/Budapest',
    languages: [
      { lang: 'hu', locale: 'hu-HU', seedName: 'Hungary' },
      { lang: 'en', locale: 'en-HU' },
    ],
  },
  {
    code: 'id',
    continent: 'asia',
    timeZone: 'Asia/Jakarta',
    languages: [
      { lang: 'id', locale: 'id-ID', seedName: 'Indonesia' },
      { lang: 'en', locale: 'en-ID' },
    ],
  },
  {
    code: 'ie',
    continent: 'europe',
    timeZone: 'Europe/Dublin',
    languages: [{ lang: 'en', locale: 'en-IE', seedName: 'Ireland' }],
  },
  {
    code: 'il',
    continent: 'asia',
    timeZone: 'Asia/Jerusalem',
    languages: [
      { lang: 'he', locale: 'he-IL', seedName: 'Israel' },
      { lang: 'en', locale: 'en-IL' },
    ],
  },
  {
    code: 'in',
    continent: 'asia',
    timeZone: 'Asia/Kolkata',
    languages: [{ lang: 'en', locale: 'en-IN', seedName: 'India' }],
  },
  {
    code: 'it',
    continent: 'europe',
    timeZone: 'Europe/Rome',
    languages: [
      { lang: 'it', locale: 'it-IT', seedName: 'Italy' },
      { lang: 'en', locale: 'en-IT' },
    ],
  },
  {
    code: 'jo',
    continent: 'asia',
    timeZone: 'Asia/Amman',
    languages: [
      { lang: 'ar', locale: 'ar-JO', seedName: 'Jordan' },
      { lang: 'en', locale: 'en-JO' },
    ],
  },
  {
    code: 'jp',
    continent: 'asia',
    timeZone: 'Asia/Tokyo',
    languages: [
      { lang: 'ja', locale: 'ja-JP', seedName: 'Japan' },
      { lang: 'en', locale: 'en-JP' },
    ],
  },
  {
    code: 'ke',
    continent: 'africa',
    timeZone: 'Africa/Nairobi',
    languages: [{ lang: 'en', locale: 'en-KE', seedName: 'Kenya' }],
  },
  {
    code: 'km',
    continent: 'africa',
    timeZone: 'Indian/Comoro',
    languages: [
      { lang: 'ar', locale: 'ar-KM', seedName: 'Comoros' },
      { lang: 'fr', locale: 'fr-KM', added: FRENCH_OFFICIAL },
      { lang: 'en', locale: 'en-KM' },
    ],
  },
  {
    code: 'kr',
    continent: 'asia',
    timeZone: 'Asia/Seoul',
    languages: [
      { lang: 'ko', locale: 'ko-KR', seedName: 'Korea' },
      { lang: 'en', locale: 'en-KR' },
    ],
  },
  {
    code: 'kw',
    continent: 'asia',
    timeZone: 'Asia/Kuwait',
    languages: [
      { lang: 'ar', locale: 'ar-KW', seedName: 'Kuwait' },
      { lang: 'en', locale: 'en-KW' },
    ],
  },
  {
    code: 'kz',
    continent: 'asia',
    timeZone: 'Asia/Almaty',
    languages: [
      { lang: 'ru', locale: 'ru-KZ', seedName: 'Kazakhstan' },
      { lang: 'en', locale: 'en-KZ' },
    ],
  },
  {
    code: 'lb',
    continent: 'asia',
    timeZone: 'Asia/Beirut',
    languages: [
      { lang: 'ar', locale: 'ar-LB', seedName: 'Lebanon' },
      { lang: 'en', locale: 'en-LB' },
    ],
  },
  {
    code: 'lk',
    continent: 'asia',
    timeZone: 'Asia/Colombo',
    languages: [{ lang: 'en', locale: 'en-LK', seedName: 'Sri Lanka' }],
  },
  {
    code: 'lr',
    continent: 'africa',
    timeZone: 'Africa/Monrovia',
    languages: [{ lang: 'en', locale: 'en-LR', seedName: 'Liberia' }],
  },
  {
    code: 'ls',
    continent: 'africa',
    timeZone: 'Africa/Maseru',
    languages: [{ lang: 'en', locale: 'en-LS', seedName: 'Lesotho' }],
  },
  {
    code: 'lt',
    continent: 'europe',
    timeZone: 'Europe/Vilnius',
    languages: [
      { lang: 'lt', locale: 'lt-LT', seedName: 'Lithuania' },
      { lang: 'en', locale: 'en-LT' },
    ],
  },
  {
    code: 'lv',
    continent: 'europe',
    timeZone: 'Europe/Riga',
    languages: [
      { lang: 'lv', locale: 'lv-LV', seedName: 'Latvia' },
      { lang: 'en', locale: 'en-LV' },
    ],
  },
  {
    code: 'ly',
    continent: 'africa',
    timeZone: 'Africa/Tripoli',
    languages: [
      { lang: 'ar', locale: 'ar-LY', seedName: 'Libya' },
      { lang: 'en', locale: 'en-LY' },
    ],
  },
  {
    code: 'ma',
    continent: 'africa',
    timeZone: 'Africa/Casablanca',
    languages: [
      { lang: 'ar', locale: 'ar-MA', seedName: 'Morocco' },
      { lang: 'fr', locale: 'fr-MA', added: FRENCH_IN_THE_MAGHREB },
      { lang: 'en', locale: 'en-MA' },
    ],
  },
  {
    code: 'mg',
    continent: 'africa',
    timeZone: 'Indian/Antananarivo',
    languages: [
      { lang: 'fr', locale: 'fr-MG', seedName: 'Madagascar' },
      { lang: 'en', locale: 'en-MG' },
    ],
  },
  {
    code: 'ml',
    continent: 'africa',
    timeZone: 'Africa/Bamako',
    languages: [
      { lang: 'fr', locale: 'fr-ML', seedName: 'Mali' },
      { lang: 'en', locale: 'en-ML' },
    ],
  },
  {
    code: 'mm',
    continent: 'asia',
    timeZone: 'Asia/Yangon',
    languages: [
      { lang: 'my', locale: 'my-MM', seedName: 'Myanmar' },
      { lang: 'en', locale: 'en-MM' },
    ],
  },
  {
    code: 'mr',
    continent: 'africa',
    timeZone: 'Africa/Nouakchott',
    languages: [
      { lang: 'ar', locale: 'ar-MR', seedName: 'Mauritania' },
      { lang: 'fr', locale: 'fr-MR', added: FRENCH_IN_THE_MAGHREB },
      { lang: 'en', locale: 'en-MR' },
    ],
  },
  {
    code: 'mu',
    continent: 'africa',
    timeZone: 'Indian/Mauritius',
    languages: [{ lang: 'en', locale: 'en-MU', seedName: 'Mauritius' }],
  },
  {
    code: 'mw',
    continent: 'africa',
    timeZone: 'Africa/Blantyre',
    languages: [{ lang: 'en', locale: 'en-MW', seedName: 'Malawi' }],
  },
  {
    code: 'mx',
    continent: 'north-america',
    timeZone: 'America/Mexico_City',
    languages: [
      { lang: 'es', locale: 'es-MX', seedName: 'México' },
      { lang: 'en', locale: 'en-MX' },
    ],
  },
  {
    code: 'my',
    continent: 'asia',
    timeZone: 'Asia/Kuala_Lumpur',
    languages: [{ lang: 'en', locale: 'en-MY', seedName: 'Malaysia' }],
  },
  {
    code: 'mz',
    continent: 'africa',
    timeZone: 'Africa/Maputo',
    languages: [
      { lang: 'pt', locale: 'pt-MZ', seedName: 'Mozambique' },
      { lang: 'en', locale: 'en-MZ' },
    ],
  },
  {
    code: 'na',
    continent: 'africa',
    timeZone: 'Africa/Windhoek',
    languages: [{ lang: 'en', locale: 'en-NA', seedName: 'Namibia' }],
  },
  {
    code: 'ne',
    continent: 'africa',
    timeZone: 'Africa/Niamey',
    languages: [
      { lang: 'fr', locale: 'fr-NE', seedName: 'Niger' },
      { lang: 'en', locale: 'en-NE' },
    ],
  },
  {
    code: 'ng',
    continent: 'africa',
    timeZone: 'Africa/Lagos',
    languages: [{ lang: 'en', locale: 'en-NG', seedName: 'Nigeria' }],
  },
  {
    code: 'nl',
    continent: 'europe',
    timeZone: 'Europe/Amsterdam',
    languages: [
      { lang: 'nl', locale: 'nl-NL', seedName: 'Netherlands' },
      { lang: 'en', locale: 'en-NL' },
    ],
  },
  {
    code: 'no',
    continent: 'europe',
    timeZone: 'Europe/Oslo',
    languages: [
      { lang: 'nb', locale: 'nb-NO', seedName: 'Norway' },
      { lang: 'en', locale: 'en-NO' },
    ],
  },
  {
    code: 'nz',
    continent: 'oceania',
    timeZone: 'Pacific/Auckland',
    languages: [{ lang: 'en', locale: 'en-NZ', seedName: 'New Zealand' }],
  },
  {
    code: 'om',
    continent: 'asia',
    timeZone: 'Asia/Muscat',
    languages: [
      { lang: 'ar', locale: 'ar-OM', seedName: 'Oman' },
      { lang: 'en', locale: 'en-OM' },
    ],
  },
  {
    code: 'pe',
    continent: 'south-america',
    timeZone: 'America/Lima',
    languages: [
      { lang: 'es', locale: 'es-PE', seedName: 'Perú' },
      { lang: 'en', locale: 'en-PE' },
    ],
  },
  {
    code: 'ph',
    continent: 'asia',
    timeZone: 'Asia/Manila',
    languages: [{ lang: 'en', locale: 'en-PH', seedName: 'Philippines' }],
  },
  {
    code: 'pk',
    continent: 'asia',
    timeZone: 'Asia/Karachi',
    languages: [{ lang: 'en', locale: 'en-PK', seedName: 'Pakistan' }],
  },
  {
    code: 'pl',
    continent: 'europe',
    timeZone: 'Europe/Warsaw',
    languages: [
      { lang: 'pl', locale: 'pl-PL', seedName: 'Poland' },
      { lang: 'en', locale: 'en-PL' },
    ],
  },
  {
    code: 'pt',
    continent: 'europe',
    timeZone: 'Europe/Lisbon',
    languages: [
      { lang: 'pt', locale: 'pt-PT', seedName: 'Portugal' },
      { lang: 'en', locale: 'en-PT' },
    ],
  },
  {
    code: 'py',
    continent: 'south-america',
    timeZone: 'America/Asuncion',
    languages: [
      { lang: 'es', locale: 'es-PY', seedName: 'Paraguay' },
      { lang: 'en', locale: 'en-PY' },
    ],
  },
  {
    code: 'qa',
    continent: 'asia',
    timeZone: 'Asia/Qatar',
    languages: [
      { lang: 'ar', locale: 'ar-QA', seedName: 'Qatar' },
      { lang: 'en', locale: 'en-QA' },
    ],
  },
  {
    code: 're',
    continent: 'africa',
    timeZone: 'Indian/Reunion',
    languages: [
      { lang: 'fr', locale: 'fr-RE', seedName: 'Réunion' },
      { lang: 'en', locale: 'en-RE' },
    ],
  },
  {
    code: 'ro',
    continent: 'europe',
    timeZone: 'Europe/Bucharest',
    languages: [
      { lang: 'ro', locale: 'ro-RO', seedName: 'Romania' },
      { lang: 'en', locale: 'en-RO' },
    ],
  },
  {
    code: 'rs',
    continent: 'europe',
    timeZone: 'Europe/Belgrade',
    languages: [
      { lang: 'sr', locale: 'sr-Latn-RS', seedName: 'Serbia' },
      { lang: 'en', locale: 'en-RS' },
    ],
  },
  {
    code: 'ru',
    continent: 'europe',
    timeZone: 'Europe/Moscow',
    languages: [
      { lang: 'ru', locale: 'ru-RU', seedName: 'Russian Federation' },
      { lang: 'en', locale: 'en-RU' },
    ],
  },
  {
    code: 'rw',
    continent: 'africa',
    timeZone: 'Africa/Kigali',
    languages: [{ lang: 'en', locale: 'en-RW', seedName: 'Rwanda' }],
  },
  {
    code: 'sa',
    continent: 'asia',
    timeZone: 'Asia/Riyadh',
    languages: [
      { lang: 'ar', locale: 'ar-SA', seedName: 'Saudi Arabia' },
      { lang: 'en', locale: 'en-SA' },
    ],
  },
  {
    code: 'sc',
    continent: 'africa',
    timeZone: 'Indian/Mahe',
    languages: [{ lang: 'en', locale: 'en-SC', seedName: 'Seychelles' }],
  },
  {
    code: 'sd',
    continent: 'africa',
    timeZone: 'Africa/Khartoum',
    languages: [
      { lang: 'ar', locale: 'ar-SD', seedName: 'Sudan' },
      { lang: 'en', locale: 'en-SD' },
    ],
  },
  {
    code: 'se',
    continent: 'europe',
    timeZone: 'Europe/Stockholm',
    languages: [
      { lang: 'sv', locale: 'sv-SE', seedName: 'Sweden' },
      { lang: 'en', locale: 'en-SE' },
    ],
  },
  {
    code: 'sg',
    continent: 'asia',
    timeZone: 'Asia/Singapore',
    languages: [{ lang: 'en', locale: 'en-SG', seedName: 'Singapore' }],
  },
  {
    code: 'sh',
    continent: 'africa',
    timeZone: 'Atlantic/St_Helena',
    languages: [{ lang: 'en', locale: 'en-SH', seedName: 'Saint Helena' }],
  },
  {
    code: 'si',
    continent: 'europe',
    timeZone: 'Europe/Ljubljana',
    languages: [
      { lang: 'sl', locale: 'sl-SI', seedName: 'Slovenia' },
      { lang: 'en', locale: 'en-SI' },
    ],
  },
  {
    code: 'sk',
    continent: 'europe',
    timeZone: 'Europe/Bratislava',
    languages: [
      { lang: 'sk', locale: 'sk-SK', seedName: 'Slovakia' },
      { lang: 'en', locale: 'en-SK' },
    ],
  },
  {
    code: 'sl',
    continent: 'africa',
    timeZone: 'Africa/Freetown',
    languages: [{ lang: 'en', locale: 'en-SL', seedName: 'Sierra Leone' }],
  },
  {
    code: 'sn',
    continent: 'africa',
    timeZone: 'Africa/Dakar',
    languages: [
      { lang: 'fr', locale: 'fr-SN', seedName: 'Senegal' },
      { lang: 'en', locale: 'en-SN' },
    ],
  },
  {
    code: 'so',
    continent: 'africa',
    timeZone: 'Africa/Mogadishu',
    languages: [
      { lang: 'ar', locale: 'ar-SO', seedName: 'Somalia' },
      { lang: 'en', locale: 'en-SO' },
    ],
  },
  {
    code: 'ss',
    continent: 'africa',
    timeZone: 'Africa/Juba',
    languages: [{ lang: 'en', locale: 'en-SS', seedName: 'South Sudan' }],
  },
  {
    code: 'st',
    continent: 'africa',
    timeZone: 'Africa/Sao_Tome',
    languages: [
      { lang: 'pt', locale: 'pt-ST', seedName: 'São Tomé and Príncipe' },
      { lang: 'en', locale: 'en-ST' },
    ],
  },
  {
    code: 'sz',
    continent: 'africa',
    timeZone: 'Africa/Mbabane',
    languages: [{ lang: 'en', locale: 'en-SZ', seedName: 'Swaziland' }],
  },
  {
    code: 'td',
    continent: 'africa',
    timeZone: 'Africa/Ndjamena',
    languages: [
      { lang: 'fr', locale: 'fr-TD', seedName: 'Chad' },
      { lang: 'en', locale: 'en-TD' },
    ],
  },
  {
    code: 'tg',
    continent: 'africa',
    timeZone: 'Africa/Lome',
    languages: [
      { lang: 'fr', locale: 'fr-TG', seedName: 'Togo' },
      { lang: 'en', locale: 'en-TG' },
    ],
  },
  {
    code: 'th',
    continent: 'asia',
    timeZone: 'Asia/Bangkok',
    languages: [
      { lang: 'th', locale: 'th-TH', seedName: 'Thailand' },
      { lang: 'en', locale: 'en-TH' },
    ],
  },
  {
    code: 'tn',
    continent: 'africa',
    timeZone: 'Africa/Tunis',
    languages: [
      { lang: 'ar', locale: 'ar-TN', seedName: 'Tunisia' },
      { lang: 'fr', locale: 'fr-TN', added: FRENCH_IN_THE_MAGHREB },
      { lang: 'en', locale: 'en-TN' },
    ],
  },
  {
    code: 'tr',
    continent: 'asia',
    timeZone: 'Europe/Istanbul',
    languages: [
      { lang: 'tr', locale: 'tr-TR', seedName: 'Turkey' },
      { lang: 'en', locale: 'en-TR' },
    ],
  },
  {
    code: 'tw',
    continent: 'asia',
    timeZone: 'Asia/Taipei',
    languages: [
      { lang: 'zh', locale: 'zh-Hant-TW', seedName: 'Taiwan' },
      { lang: 'en', locale: 'en-TW' },
    ],
  },
  {
    code: 'tz',
    continent: 'africa',
    timeZone: 'Africa/Dar_es_Salaam',
    languages: [
      { lang: 'sw', locale: 'sw-TZ', seedName: 'Tanzania' },
      { lang: 'en', locale: 'en-TZ' },
    ],
  },
  {
    code: 'ua',
    continent: 'europe',
    timeZone: 'Europe/Kyiv',
    languages: [
      { lang: 'uk', locale: 'uk-UA', seedName: 'Ukraine' },
      { lang: 'en', locale: 'en-UA' },
    ],
  },
  {
    code: 'ug',
    continent: 'africa',
    timeZone: 'Africa/Kampala',
    languages: [{ lang: 'en', locale: 'en-UG', seedName: 'Uganda' }],
  },
  {
    code: 'us',
    continent: 'north-america',
    timeZone: 'America/New_York',
    languages: [{ lang: 'en', locale: 'en-US', seedName: 'United States' }],
  },
  {
    code: 'uy',
    continent: 'south-america',
    timeZone: 'America/Montevideo',
    languages: [
      { lang: 'es', locale: 'es-UY', seedName: 'Uruguay' },
      { lang: 'en', locale: 'en-UY' },
    ],
  },
  {
    code: 've',
    continent: 'south-america',
    timeZone: 'America/Caracas',
    languages: [
      { lang: 'es', locale: 'es-VE', seedName: 'Venezuela' },
      { lang: 'en', locale: 'en-VE' },
    ],
  },
  {
    code: 'vn',
    continent: 'asia',
    timeZone: 'Asia/Ho_Chi_Minh',
    languages: [
      { lang: 'vi', locale: 'vi-VN', seedName: 'Vietnam' },
      { lang: 'en', locale: 'en-VN' },
    ],
  },
  {
    code: 'za',
    continent: 'africa',
    timeZone: 'Africa/Johannesburg',
    languages: [{ lang: 'en', locale: 'en-ZA', seedName: 'South Africa' }],
  },
  {
    code: 'zm',
    continent: 'africa',
    timeZone: 'Africa/Lusaka',
    languages: [{ lang: 'en', locale: 'en-ZM', seedName: 'Zambia' }],
  },
  {
    code: 'zw',
    continent: 'africa',
    timeZone: 'Africa/Harare',
    languages: [{ lang: 'en', locale: 'en-ZW', seedName: 'Zimbabwe' }],
  },
];

/**
 * Regional variants of a language: each region listed reads the variant's text before the language's own
 * (`pt-AO` → pt-PT → pt → en). A variant's folder under locales/ holds only what differs from its language.
 */
export const textVariantData: readonly TextVariantInput[] = [
  {
    locale: 'pt-PT',
    regions: ['pt', 'ao', 'mz', 'cv', 'gw', 'st'],
    why: 'Portugal and lusophone Africa write European Portuguese (recolher, registo, contacto, Contacte-nos), not Brazil’s (coletar, registro, contato, Fale conosco)',
  },
  {
    locale: 'es-419',
    regions: ['mx', 'ar', 'bo', 'cl', 'co', 'ec', 'pe', 'py', 'uy', 've'],
    why: 'The Spanish-speaking Americas read Latin American Spanish (computadoras portátiles, “comillas”), not Spain’s; Equatorial Guinea keeps Spain’s norms',
  },
];
