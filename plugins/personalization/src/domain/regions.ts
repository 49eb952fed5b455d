/** ISO 3166-1 alpha-2: the officially assigned country codes (249). */
const COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ ' +
    'BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR ' +
    'CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ' +
    'ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ ' +
    'LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ ' +
    'MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF ' +
    'PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI ' +
    'SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR ' +
    'TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
)

/** A country (`AT`) or a subdivision of one (ISO 3166-2: `DE-BY`, `AT-9`). */
const REGION_CODE = /^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$/

/** Codes are compared in upper case; editors and frontends may type them in either. */
export const normalizeRegionCode = (value: string): string => value.trim().toUpperCase()

/** Whether a (normalized) code is an ISO 3166-1 country or has the form of an ISO 3166-2 subdivision of one. */
export function isRegionCode(code: string): boolean {
  const match = REGION_CODE.exec(code)
  return Boolean(match && COUNTRIES.has(match[1]))
}

/** The country of a code: `AT` for `AT-9`. */
export const countryOf = (code: string): string => code.slice(0, 2)

/** A block's region reaches a reader in it: the same code, or the reader's subdivision of the block's country. */
export const regionCovers = (region: string, readerRegion: string): boolean =>
  region === readerRegion || (region.length === 2 && readerRegion.startsWith(`${region}-`))
