import { describe, expect, it } from "vitest";
import { scan } from "../scan-text";
import { buildDetectors } from "./registry";

const detectors = buildDetectors(["pii", "identifiers"], []).text;
const found = (text: string) => scan(text, detectors).map((m) => [m.type, text.slice(m.start, m.end)]);

describe("contact and network PII", () => {
  it("email", () => {
    expect(found("write to jo.doe+ops@example.co.uk.")).toEqual([["email", "jo.doe+ops@example.co.uk"]]);
    expect(found("git@github.com:org/repo.git")).toEqual([]);
    expect(found("left-pad@1.3.0 and @types/node")).toEqual([]);
  });

  it("phone numbers in E.164 and national formats", () => {
    for (const p of [
      "+1 415 555 0132",
      "(415) 555-0132",
      "415.555.0132",
      "+44 (20) 7123 4567",
      "090-1234-5678",
      "13812345678",
    ]) {
      expect(found(`call ${p} now`), p).toEqual([["phone", p]]);
    }
    for (const notPhone of ["2024-05-01", "1.2.3.4", "v10.11.12", "12/05/2024"]) {
      expect(
        found(notPhone).filter(([t]) => t === "phone"),
        notPhone,
      ).toEqual([]);
    }
  });

  it("IPv4 and IPv6, not times, versions or C++ scopes", () => {
    expect(found("from 192.168.1.10 via fe80::1%eth0 and [2001:db8::1]:8080")).toEqual([
      ["ip_address", "192.168.1.10"],
      ["ip_address", "fe80::1%eth0"],
      ["ip_address", "2001:db8::1"],
    ]);
    expect(found("at 12:34:56 version 1.2.3 std::cout 300.1.1.1")).toEqual([]);
    // words of hex letters beside a colon pair are no address; the unspecified address `::` is one
    expect(found("::add-mask:: and dead::beef")).toEqual([]);
    expect(found("bind to :: or ::1")).toEqual([
      ["ip_address", "::"],
      ["ip_address", "::1"],
    ]);
    // without "::": all eight groups, or six before an IPv4 tail
    expect(found("a 2001:0db8:85a3:0000:0000:8a2e:0370:7334 b 0:0:0:0:0:ffff:192.0.2.1 c")).toEqual([
      ["ip_address", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"],
      ["ip_address", "0:0:0:0:0:ffff:192.0.2.1"],
    ]);
  });

  it("MAC addresses", () => {
    expect(found("nic 00:1A:2B:3C:4D:5E")).toEqual([["mac_address", "00:1A:2B:3C:4D:5E"]]);
    expect(found("FF:FF:FF:FF:FF:FF")).toEqual([]);
    expect(found("0a-1b-2c-3d-4e-5f, 0a1b.2c3d.4e5f")).toEqual([
      ["mac_address", "0a-1b-2c-3d-4e-5f"],
      ["mac_address", "0a1b.2c3d.4e5f"],
    ]);
    expect(found("2024-05-01T10:07:00Z 0a-1b-2c-3d-4e")).toEqual([]);
  });
});

describe("payment and identifiers", () => {
  it("cards need a valid issuer length and Luhn", () => {
    expect(found("card 4111 1111 1111 1111")).toEqual([["credit_card", "4111 1111 1111 1111"]]);
    expect(found("card 4111 1111 1111 1112")).toEqual([]);
    expect(found("order 1748503543012")).toEqual([]);
  });

  it("IBAN takes exactly the country's length", () => {
    expect(found("pay DE89 3704 0044 0532 0130 00 X today")).toEqual([["iban", "DE89 3704 0044 0532 0130 00"]]);
    expect(found("DE89 3704 0044 0532 0130 01")).toEqual([]);
  });

  it("US SSN and ITIN", () => {
    expect(found("ssn 078-05-1123")).toEqual([["us_ssn", "078-05-1123"]]);
    expect(found("ssn 078-05-1120").filter(([t]) => t === "us_ssn")).toEqual([]);
    expect(found("693-09.4444")).toEqual([]);
    expect(found("itin 911-70-1234")).toEqual([["us_itin", "911-70-1234"]]);
  });

  it("European and Korean identifiers", () => {
    expect(found("DNI 12345678Z")).toEqual([["es_nif", "12345678Z"]]);
    expect(found("NIE X9613851N")).toEqual([["es_nif", "X9613851N"]]);
    expect(found("CF MRTNTN23M02D969P")).toEqual([["it_fiscal_code", "MRTNTN23M02D969P"]]);
    expect(found("hetu 131052-308T")).toEqual([["fi_hetu", "131052-308T"]]);
    expect(found("pnr 811228-9874")).toEqual([["se_personnummer", "811228-9874"]]);
    expect(found("rrn 880411-2238459")).toEqual([["kr_rrn", "880411-2238459"]]);
    expect(found("rrn 760413-5212134")).toEqual([["kr_frn", "760413-5212134"]]); // a foreigner's sex digit
  });

  it("Brazil's CPF as printed or named, Türkiye's T.C. Kimlik No by its check digits", () => {
    expect(found("titular 529.982.247-25")).toEqual([["br_cpf", "529.982.247-25"]]);
    expect(found("CPF: 52998224725")).toEqual([["br_cpf", "52998224725"]]);
    expect(found("T.C. Kimlik No: 10000000146")).toEqual([["tr_tckimlik", "10000000146"]]);
    expect(found("Birinci kişi: 10000000146, ikinci kişi: 76543210794").map(([t]) => t)).toEqual([
      "tr_tckimlik",
      "tr_tckimlik",
    ]);
    // a wrong check digit; a CPF's eleven digits with nothing naming them (an order number, a phone)
    expect(found("CPF 529.982.247-24")).toEqual([]);
    expect(found("order 52998224725, ref 10000000145")).toEqual([]);
  });

  it("Korean foreigner numbers, Polish PESEL and South African ID numbers by date and check digit", () => {
    expect(found("His FRN is 911124-5678901")).toEqual([["kr_frn", "911124-5678901"]]);
    expect(found("My pesel is 44051401458.")).toEqual([["pl_pesel", "44051401458"]]);
    expect(found("RSA ID: 0002294321191")).toEqual([["za_id", "0002294321191"]]);
    // a wrong check digit, a sex digit no Korean number has
    expect(found("44051401459 051102-9234110")).toEqual([]);
  });
});
