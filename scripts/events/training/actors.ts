/**
 * Actors of the synthetic event sentences: countries (name, adjective, capital, CAMEO code), the ways
 * news names their governments, forces and people, and a few international organizations. Countries and
 * phrasings are split between train, dev and test (split.ts), so the test split names countries and uses
 * phrasings the classifier never saw.
 */
import type { ActorKind } from './contents.js';

export interface Country {
  readonly name: string;
  readonly adjective: string;
  readonly capital: string;
  readonly code: string;
}

const row = (line: string): Country => {
  const [name, adjective, capital, code] = line.split('|') as [string, string, string, string];
  return { name, adjective, capital, code };
};

export const COUNTRIES: readonly Country[] = [
  'United States|American|Washington|USA', 'China|Chinese|Beijing|CHN', 'Russia|Russian|Moscow|RUS', 'France|French|Paris|FRA',
  'Germany|German|Berlin|DEU', 'Britain|British|London|GBR', 'Japan|Japanese|Tokyo|JPN', 'India|Indian|New Delhi|IND',
  'Iran|Iranian|Tehran|IRN', 'Israel|Israeli|Jerusalem|ISR', 'Turkey|Turkish|Ankara|TUR', 'Egypt|Egyptian|Cairo|EGY',
  'Pakistan|Pakistani|Islamabad|PAK', 'Afghanistan|Afghan|Kabul|AFG', 'Iraq|Iraqi|Baghdad|IRQ', 'Syria|Syrian|Damascus|SYR',
  'Ukraine|Ukrainian|Kiev|UKR', 'Poland|Polish|Warsaw|POL', 'Italy|Italian|Rome|ITA', 'Spain|Spanish|Madrid|ESP',
  'Brazil|Brazilian|Brasilia|BRA', 'Mexico|Mexican|Mexico City|MEX', 'Canada|Canadian|Ottawa|CAN', 'Australia|Australian|Canberra|AUS',
  'Nigeria|Nigerian|Abuja|NGA', 'Kenya|Kenyan|Nairobi|KEN', 'Ethiopia|Ethiopian|Addis Ababa|ETH', 'South Africa|South African|Pretoria|ZAF',
  'Sudan|Sudanese|Khartoum|SDN', 'Libya|Libyan|Tripoli|LBY', 'Algeria|Algerian|Algiers|DZA', 'Morocco|Moroccan|Rabat|MAR',
  'Saudi Arabia|Saudi|Riyadh|SAU', 'Yemen|Yemeni|Sanaa|YEM', 'Jordan|Jordanian|Amman|JOR', 'Lebanon|Lebanese|Beirut|LBN',
  'Indonesia|Indonesian|Jakarta|IDN', 'Vietnam|Vietnamese|Hanoi|VNM', 'Thailand|Thai|Bangkok|THA', 'Philippines|Philippine|Manila|PHL',
  'Malaysia|Malaysian|Kuala Lumpur|MYS', 'Myanmar|Myanmar|Naypyitaw|MMR', 'Bangladesh|Bangladeshi|Dhaka|BGD', 'Sri Lanka|Sri Lankan|Colombo|LKA',
  'Nepal|Nepalese|Kathmandu|NPL', 'South Korea|South Korean|Seoul|KOR', 'North Korea|North Korean|Pyongyang|PRK', 'Taiwan|Taiwanese|Taipei|TWN',
  'Argentina|Argentine|Buenos Aires|ARG', 'Chile|Chilean|Santiago|CHL', 'Colombia|Colombian|Bogota|COL', 'Venezuela|Venezuelan|Caracas|VEN',
  'Peru|Peruvian|Lima|PER', 'Cuba|Cuban|Havana|CUB', 'Greece|Greek|Athens|GRC', 'Sweden|Swedish|Stockholm|SWE',
  'Norway|Norwegian|Oslo|NOR', 'Netherlands|Dutch|Amsterdam|NLD', 'Belgium|Belgian|Brussels|BEL', 'Austria|Austrian|Vienna|AUT',
  'Hungary|Hungarian|Budapest|HUN', 'Serbia|Serbian|Belgrade|SRB', 'Georgia|Georgian|Tbilisi|GEO', 'Armenia|Armenian|Yerevan|ARM',
  'Azerbaijan|Azerbaijani|Baku|AZE', 'Kazakhstan|Kazakh|Astana|KAZ', 'Uganda|Ugandan|Kampala|UGA', 'Somalia|Somali|Mogadishu|SOM',
  'Mali|Malian|Bamako|MLI', 'Zimbabwe|Zimbabwean|Harare|ZWE', 'Ghana|Ghanaian|Accra|GHA', 'Tunisia|Tunisian|Tunis|TUN',
].map(row);

/** International organizations, with their codes (the eval compares the first six letters). */
export const ORGANIZATIONS: readonly { readonly name: string; readonly code: string }[] = [
  { name: 'the United Nations', code: 'IGOUNO' }, { name: 'NATO', code: 'IGOWSTNAT' }, { name: 'the European Union', code: 'IGOEUREEC' },
  { name: 'the World Bank', code: 'IGOUNODEVWBK' }, { name: 'Amnesty International', code: 'NGOHRIAMN' }, { name: 'the Red Cross', code: 'NGOHLHIRC' },
];

/** Ways to name an actor of a kind in a country: {N} name, {J} adjective, {C} capital. */
export const PHRASINGS: Readonly<Record<ActorKind, readonly string[]>> = {
  state: [
    '{N}', 'the {J} government', "{N}'s foreign ministry", '{N}', '{C}', 'the {J} foreign minister', '{J} officials', 'the government of {N}',
    "{N}'s prime minister", 'officials in {C}', '{N}', 'the {J} president', '{J} leaders', 'the {J} cabinet', '{N}', "{N}'s defence ministry",
  ],
  military: ['{J} troops', 'the {J} army', '{J} forces', "{N}'s military", 'the {J} navy', '{J} soldiers', 'the {J} air force', 'troops from {N}'],
  police: ['{J} police', 'police in {C}', 'security forces in {N}', '{J} riot police', "{N}'s police", 'the {J} police', 'police officers in {C}', '{J} security forces'],
  civil: [
    '{J} protesters', 'demonstrators in {C}', '{J} opposition supporters', 'students in {C}', '{J} workers', 'thousands of {J} farmers', 'activists in {N}',
    '{J} teachers', 'protesters in {C}', '{J} demonstrators', 'opposition activists in {N}', '{J} trade unions',
  ],
  rebels: ['{J} rebels', 'insurgents in {N}', 'militants in {N}', '{J} militants', 'rebels in {N}', 'gunmen in {N}', '{J} insurgents', 'armed groups in {N}'],
};

/** Actors named without their country, which the dateline supplies ("NAIROBI, May 3 - Police ..."). */
export const UNNAMED: Readonly<Record<ActorKind, readonly string[]>> = {
  state: ['officials', 'the government', 'the foreign ministry', 'the president', 'lawmakers', 'the interior ministry', 'the prime minister', 'authorities'],
  military: ['troops', 'the army', 'soldiers', 'the military'],
  police: ['police', 'security forces', 'riot police', 'the police'],
  civil: ['protesters', 'demonstrators', 'students', 'workers', 'activists', 'opposition supporters'],
  rebels: ['rebels', 'insurgents', 'militants', 'gunmen'],
};
