import { describe, expect, it } from "vitest";
import {
  brazilCpfValid,
  codiceFiscaleValid,
  finnishHetuValid,
  ibanValid,
  koreanFrnShape,
  koreanRrnValid,
  luhn,
  polishPeselValid,
  southAfricanIdValid,
  spanishIdValid,
  swedishPersonnummerValid,
  turkishIdValid,
  usItinValid,
  usSsnValid,
} from "./checksums";

describe("checksums", () => {
  it("luhn accepts test card numbers and rejects a changed digit", () => {
    expect(luhn("4111111111111111")).toBe(true);
    expect(luhn("4012888888881881")).toBe(true);
    expect(luhn("4012888888881882")).toBe(false);
    expect(luhn("")).toBe(false);
  });

  it("iban checks country length, BBAN layout and mod-97", () => {
    expect(ibanValid("DE89370400440532013000")).toBe(true);
    expect(ibanValid("GB29NWBK60161331926819")).toBe(true);
    expect(ibanValid("DE89370400440532013001")).toBe(false); // mod-97
    expect(ibanValid("DE8937040044053201300")).toBe(false); // length
    expect(ibanValid("GB29NW3K60161331926819")).toBe(false); // bank code must be letters
    expect(ibanValid("QQ93123456781234")).toBe(false); // no such country
  });

  it("national identifiers", () => {
    expect(spanishIdValid("12345678Z")).toBe(true);
    expect(spanishIdValid("12345678A")).toBe(false);
    expect(spanishIdValid("X9613851N")).toBe(true);
    expect(codiceFiscaleValid("MRTNTN23M02D969P")).toBe(true);
    expect(codiceFiscaleValid("MRTNTN23M02D969Q")).toBe(false);
    expect(finnishHetuValid("131052-308T")).toBe(true);
    expect(finnishHetuValid("310289-211C")).toBe(false); // 31 February
    expect(swedishPersonnummerValid("811228-9874")).toBe(true);
    expect(swedishPersonnummerValid("811228-9875")).toBe(false);
    expect(koreanRrnValid("880411-2238459")).toBe(true);
    expect(koreanRrnValid("880411-2238458")).toBe(false);
    expect(brazilCpfValid("52998224725")).toBe(true);
    expect(brazilCpfValid("52998224724")).toBe(false); // second check digit
    expect(brazilCpfValid("52998224735")).toBe(false); // first check digit
    expect(brazilCpfValid("11111111111")).toBe(false); // passes the sums, never issued
    expect(turkishIdValid("10000000146")).toBe(true);
    expect(turkishIdValid("10000000147")).toBe(false);
    expect(turkishIdValid("00000000146")).toBe(false); // never starts with 0
    expect(polishPeselValid("02070803628")).toBe(true);
    expect(polishPeselValid("85040812345")).toBe(false);
    expect(southAfricanIdValid("8001015009087")).toBe(true);
    expect(southAfricanIdValid("8001015009086")).toBe(false); // Luhn
    expect(koreanFrnShape("000505-7637892")).toBe(true);
    expect(koreanFrnShape("760413-1212134")).toBe(false); // a resident's sex digit
  });

  it("US SSN allocation rules and ITIN groups", () => {
    expect(usSsnValid("078051123")).toBe(true);
    expect(usSsnValid("078051120")).toBe(false); // the Woolworth number
    expect(usSsnValid("666051123")).toBe(false);
    expect(usSsnValid("078001123")).toBe(false);
    expect(usItinValid("911701234")).toBe(true);
    expect(usItinValid("911891234")).toBe(false);
  });
});
