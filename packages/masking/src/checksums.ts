// Cheap check-digit validators. A detector only reports a number when its checksum holds,
// which is what keeps identifier detection from masking every long digit string.

export function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

// BBAN layout per country from the SWIFT IBAN registry: n digits, a upper-case letters, c alphanumerics.
const BBAN: Record<string, string> = {
  AD: "4n4n12c",
  AE: "3n16n",
  AL: "8n16c",
  AT: "5n11n",
  AZ: "4a20c",
  BA: "3n3n8n2n",
  BE: "3n7n2n",
  BG: "4a4n2n8c",
  BH: "4a14c",
  BR: "8n5n10n1a1c",
  BY: "4c4n16c",
  CH: "5n12c",
  CR: "4n14n",
  CY: "3n5n16c",
  CZ: "4n6n10n",
  DE: "8n10n",
  DK: "4n9n1n",
  DO: "4c20n",
  EE: "2n2n11n1n",
  EG: "4n4n17n",
  ES: "4n4n1n1n10n",
  FI: "3n11n",
  FO: "4n9n1n",
  FR: "5n5n11c2n",
  GB: "4a6n8n",
  GE: "2a16n",
  GI: "4a15c",
  GL: "4n9n1n",
  GR: "3n4n16c",
  GT: "4c20c",
  HR: "7n10n",
  HU: "3n4n1n15n1n",
  IE: "4a6n8n",
  IL: "3n3n13n",
  IQ: "4a3n12n",
  IS: "4n2n6n10n",
  IT: "1a5n5n12c",
  JO: "4a4n18c",
  KW: "4a22c",
  KZ: "3n13c",
  LB: "4n20c",
  LC: "4a24c",
  LI: "5n12c",
  LT: "5n11n",
  LU: "3n13c",
  LV: "4a13c",
  LY: "3n3n15n",
  MC: "5n5n11c2n",
  MD: "2c18c",
  ME: "3n13n2n",
  MK: "3n10c2n",
  MR: "5n5n11n2n",
  MT: "4a5n18c",
  MU: "4a2n2n12n3n3a",
  NL: "4a10n",
  NO: "4n6n1n",
  PK: "4a16c",
  PL: "8n16n",
  PS: "4a21c",
  PT: "4n4n11n2n",
  QA: "4a21c",
  RO: "4a16c",
  RS: "3n13n2n",
  SA: "2n18c",
  SC: "4a2n2n16n3a",
  SE: "3n16n1n",
  SI: "5n8n2n",
  SK: "4n6n10n",
  SM: "1a5n5n12c",
  ST: "4n4n11n2n",
  SV: "4a20n",
  TL: "3n14n2n",
  TN: "2n3n13n2n",
  TR: "5n1n16c",
  UA: "6n19c",
  VA: "3n15n",
  VG: "4a16n",
  XK: "4n10n2n",
};

const BBAN_RE: Record<string, RegExp> = {};
const IBAN_LENGTHS: Record<string, number> = {};
for (const [country, layout] of Object.entries(BBAN)) {
  let source = "";
  let length = 4;
  for (const [, n, kind] of layout.matchAll(/(\d+)([nac])/g)) {
    source += `${kind === "n" ? "\\d" : kind === "a" ? "[A-Z]" : "[A-Z0-9]"}{${n}}`;
    length += Number(n);
  }
  BBAN_RE[country] = new RegExp(`^${source}$`);
  IBAN_LENGTHS[country] = length;
}

export function ibanLength(country: string): number | undefined {
  return IBAN_LENGTHS[country];
}

/** Expects the compact form (no separators, upper case). */
export function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const country = iban.slice(0, 2);
  if (IBAN_LENGTHS[country] !== iban.length || !BBAN_RE[country]!.test(iban.slice(4))) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    const v = c >= 65 ? c - 55 : c - 48;
    rest = v >= 10 ? (rest * 100 + v) % 97 : (rest * 10 + v) % 97;
  }
  return rest === 1;
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

/** Spanish DNI/NIF (7 or 8 digits and a letter) and NIE (X, Y or Z, 7 digits and a letter). */
export function spanishIdValid(value: string): boolean {
  const v = value.toUpperCase().replace(/[-\s]/g, "");
  let digits: string;
  if (/^[XYZ]\d{7}[A-Z]$/.test(v)) digits = "XYZ".indexOf(v[0]!) + v.slice(1, 8);
  else if (/^\d{7,8}[A-Z]$/.test(v)) digits = v.slice(0, -1);
  else return false;
  return DNI_LETTERS[Number(digits) % 23] === v[v.length - 1];
}

const CF_ODD: Record<string, number> = {};
{
  const odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
  for (let i = 0; i < 26; i++) CF_ODD[String.fromCharCode(65 + i)] = odd[i]!;
  for (let i = 0; i < 10; i++) CF_ODD[String(i)] = odd[i]!;
}

const CF_FORMAT = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** Italian codice fiscale layout: surname, name, birth year, month letter, day, place, check letter. */
export function codiceFiscaleFormat(value: string): boolean {
  return CF_FORMAT.test(value.toUpperCase());
}

/** Italian codice fiscale (16 characters, omocodia letters allowed), check letter verified. */
export function codiceFiscaleValid(value: string): boolean {
  const v = value.toUpperCase();
  if (!CF_FORMAT.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = v[i]!;
    if (i % 2 === 0) sum += CF_ODD[ch]!;
    else sum += ch >= "A" ? ch.charCodeAt(0) - 65 : ch.charCodeAt(0) - 48;
  }
  return String.fromCharCode(65 + (sum % 26)) === v[15];
}

const HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";

/** Finnish henkilötunnus: DDMMYY, century sign, 3-digit serial, check character. */
export function finnishHetuValid(value: string): boolean {
  const v = value.toUpperCase();
  const m = /^(\d{2})(\d{2})(\d{2})[-+A-FU-Y](\d{3})([0-9A-Y])$/.exec(v);
  if (!m) return false;
  const sign = v[6]!;
  const century = sign === "+" ? 1800 : "ABCDEF".includes(sign) ? 2000 : 1900;
  if (!realDate(century + Number(m[3]), Number(m[2]), Number(m[1]))) return false;
  const n = Number(m[1]! + m[2]! + m[3]! + m[4]!);
  return HETU_CHECK[n % 31] === m[5];
}

function realDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function validDate(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Swedish personnummer / samordningsnummer: [CC]YYMMDD[-+]NNNC, Luhn over the last 10 digits. */
export function swedishPersonnummerValid(value: string): boolean {
  const m = /^(?:\d{2})?(\d{2})(\d{2})(\d{2})[-+]?(\d{4})$/.exec(value.replace(/\s/g, ""));
  if (!m) return false;
  const month = Number(m[2]);
  let day = Number(m[3]);
  if (day > 60) day -= 60;
  if (!validDate(month, day)) return false;
  return luhn(m[1]! + m[2]! + m[3]! + m[4]!);
}

const KOREAN_RESIDENT = /^(\d{2})(\d{2})(\d{2})-?[1-4]\d{6}$/;
const KOREAN_FOREIGNER = /^(\d{2})(\d{2})(\d{2})-?[5-8]\d{6}$/;

/** A Korean registration number's date of birth, when `value` has the shape `re` (YYMMDD-GNNNNNN). */
function koreanShape(re: RegExp, value: string): boolean {
  const m = re.exec(value);
  return m !== null && validDate(Number(m[2]), Number(m[3]));
}

/** Date of birth and sex/century digit of a South Korean resident registration number. */
export function koreanRrnShape(value: string): boolean {
  return koreanShape(KOREAN_RESIDENT, value);
}

/** South Korean resident registration number: YYMMDD-GNNNNNC, check digit verified. */
export function koreanRrnValid(value: string): boolean {
  const m = /^(\d{2})(\d{2})(\d{2})-?([1-8])(\d{5})(\d)$/.exec(value);
  if (!m) return false;
  if (!validDate(Number(m[2]), Number(m[3]))) return false;
  const digits = m[1]! + m[2]! + m[3]! + m[4]! + m[5]!;
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (digits.charCodeAt(i) - 48) * weights[i]!;
  return (11 - (sum % 11)) % 10 === Number(m[6]);
}

// Numbers published in advertising or by the SSA as never valid.
const INVALID_SSNS = new Set(["078051120", "219099999", "457555462", "123456789"]);

/** US social security number rules (no check digit exists; these are the allocation rules). */
export function usSsnValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || INVALID_SSNS.has(digits)) return false;
  const area = digits.slice(0, 3);
  if (area === "000" || area === "666" || area[0] === "9") return false;
  if (digits.slice(3, 5) === "00" || digits.slice(5) === "0000") return false;
  return !/^(\d)\1{8}$/.test(digits);
}

/** US ITIN: 9NN-GG-NNNN with GG in 50–65, 70–88, 90–92, 94–99. */
export function usItinValid(digits: string): boolean {
  if (!/^9\d{8}$/.test(digits)) return false;
  const g = Number(digits.slice(3, 5));
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}

/** Brazil's CPF: eleven digits, the last two mod-11 check digits over the nine before them. */
export function brazilCpfValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  for (const n of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Number(digits[i]) * (n + 1 - i);
    if (((sum * 10) % 11) % 10 !== Number(digits[n])) return false;
  }
  return true;
}

/** Türkiye's T.C. Kimlik No: eleven digits, not starting with 0, two check digits. */
export function turkishIdValid(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  const d = Array.from(digits, Number);
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  if ((((odd * 7 - even) % 10) + 10) % 10 !== d[9]) return false;
  return d.slice(0, 10).reduce((a, b) => a + b, 0) % 10 === d[10];
}

/** A South Korean foreigner registration number: the resident number's shape with sex digit 5–8. */
export function koreanFrnShape(value: string): boolean {
  return koreanShape(KOREAN_FOREIGNER, value);
}

/** Poland's PESEL: YYMMDD (the century in the month: +20 for the 2000s…), then weights 1-3-7-9. */
export function polishPeselValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const month = Number(digits.slice(2, 4));
  if (month % 20 < 1 || month % 20 > 12 || !validDate(month % 20, Number(digits.slice(4, 6)))) return false;
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (digits.charCodeAt(i) - 48) * weights[i]!;
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(10) - 48;
}

/** South Africa's ID number: YYMMDD (29 February only in a year divisible by 4), then Luhn. */
export function southAfricanIdValid(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  const year = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  if (!validDate(month, day) || (month === 2 && day === 29 && year % 4 !== 0)) return false;
  return luhn(digits);
}
