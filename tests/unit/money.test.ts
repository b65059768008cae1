import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  convertToSekOre,
  divideRounded,
  formatAmount,
  formatMinor,
  formatRate,
  fromDecimalString,
  MAX_AMOUNT_MINOR,
  negate,
  parseAmount,
  parseRate,
  rateToScaled,
  scaledToRate,
  sum,
  toDecimalString,
  type Currency,
} from "~/budget/money";
import { languages } from "~/i18n/languages";

const NBSP = "\u00a0";
const MINUS = "\u2212";

describe("amounts as people type them, in minor units", () => {
  it("reads Swedish, English and Chinese amounts", () => {
    expect(parseAmount("1 234,50", "sv")).toBe(123450n);
    expect(parseAmount(`1${NBSP}234,5`, "sv")).toBe(123450n);
    expect(parseAmount("1234.50", "sv")).toBe(123450n);
    expect(parseAmount("275 000", "sv")).toBe(27500000n);
    expect(parseAmount("1,234.50", "en")).toBe(123450n);
    expect(parseAmount("1,234.50", "zh")).toBe(123450n);
    expect(parseAmount("0,01", "sv")).toBe(1n);
    expect(parseAmount("0", "en")).toBe(0n);
    expect(parseAmount("999 999 999 999,99", "sv")).toBe(MAX_AMOUNT_MINOR);
  });

  it("refuses what is not an amount", () => {
    for (const [text, lang] of [
      ["1.234,50", "sv"], // a German-style amount: the dot and the comma cannot both be decimal separators
      ["12,3456", "sv"], // more than two decimals
      ["12.3456", "en"],
      ["12.345", "zh"],
      ["1,5", "en"], // a Swedish decimal comma is not an English amount
      ["-5", "sv"], // negative amounts are never typed: a reversal negates
      ["-5.00", "en"],
      ["1 000 000 000 000", "sv"], // 13 integer digits
      ["", "zh"],
      ["kr 5", "sv"],
    ] as const) {
      expect(parseAmount(text, lang), `${text} (${lang})`).toBeNull();
    }
  });

  it("writes and reads canonical decimal strings", () => {
    expect(toDecimalString(123450n)).toBe("1234.50");
    expect(toDecimalString(-123450n)).toBe("-1234.50");
    expect(toDecimalString(-5n)).toBe("-0.05");
    expect(toDecimalString(0n)).toBe("0.00");
    expect(toDecimalString(10n ** 20n + 7n)).toBe("1000000000000000000.07");
    expect(fromDecimalString("-1234.50")).toBe(-123450n);
    expect(fromDecimalString("1234.5")).toBe(123450n); // as a Prisma Decimal prints it
    expect(fromDecimalString("1234")).toBe(123400n);
    expect(fromDecimalString("-0.05")).toBe(-5n);
    for (const bad of ["1.234", "1,50", "", "1e3", "--1", ".5", "1."]) {
      expect(() => fromDecimalString(bad), bad).toThrow();
    }
  });

  it("round-trips any amount through its decimal string", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (minor) => {
        expect(fromDecimalString(toDecimalString(minor))).toBe(minor);
      }),
    );
  });

  it("negates for reversals and sums exactly", () => {
    expect(negate(123450n)).toBe(-123450n);
    expect(negate(-1n)).toBe(1n);
    expect(sum([])).toBe(0n);
    expect(sum([123450n, negate(123450n), 1n])).toBe(1n);
  });
});

describe("exchange rates", () => {
  it("reads rates as people type them, to a canonical decimal string", () => {
    expect(parseRate("0,7312", "sv")).toBe("0.7312");
    expect(parseRate("1.4567", "sv")).toBe("1.4567");
    expect(parseRate("0.7312", "en")).toBe("0.7312");
    expect(parseRate("1.4567", "zh")).toBe("1.4567");
    expect(parseRate(" 11,234500 ", "sv")).toBe("11.2345");
    expect(parseRate("007.50", "en")).toBe("7.5");
    expect(parseRate("10", "zh")).toBe("10");
    expect(parseRate("0,000001", "sv")).toBe("0.000001");
    expect(parseRate("999999.999999", "en")).toBe("999999.999999");
  });

  it("refuses what is not a rate", () => {
    for (const [text, lang] of [
      ["0,1234567", "sv"], // seven decimals
      ["1.4567891", "en"],
      ["0", "en"], // zero
      ["0,000000", "sv"],
      ["-1,45", "sv"], // negative
      ["-1.45", "zh"],
      ["0,7312", "en"], // a decimal comma in English
      ["1,456", "en"], // no group separators in rates: this could be a mistyped 1.456
      ["1 456", "sv"],
      ["1000000", "en"], // seven integer digits
      ["", "sv"],
      ["abc", "zh"],
    ] as const) {
      expect(parseRate(text, lang), `${text} (${lang})`).toBeNull();
    }
  });

  it("scales rates to millionths and back", () => {
    expect(rateToScaled("1.4567")).toBe(1456700n);
    expect(rateToScaled("1.456700")).toBe(1456700n); // as a Prisma Decimal(12, 6) prints it
    expect(rateToScaled("1")).toBe(1000000n);
    expect(rateToScaled("0.000001")).toBe(1n);
    expect(scaledToRate(1456700n)).toBe("1.4567");
    expect(scaledToRate(1000000n)).toBe("1");
    expect(scaledToRate(1n)).toBe("0.000001");
    for (const bad of ["0", "0.000000", "-1", "1.2345678", "1,5", "", "1e2"]) {
      expect(() => rateToScaled(bad), bad).toThrow();
    }
  });
});

describe("conversion to SEK, rounded to whole öre", () => {
  it("converts as computed by hand", () => {
    // 1 234,50 CNY at 1,4567 SEK/CNY: 123 450 fen × 1.4567
    //   = 123 450 + 123 450 × 0.4 (49 380) + × 0.05 (6 172.5) + × 0.006 (740.7) + × 0.0007 (86.415)
    //   = 179 829.615 öre → 179 830 öre = 1 798,30 SEK (.615 is above half: up)
    expect(convertToSekOre(123450n, "CNY", "1.4567")).toBe(179830n);
    // 99,99 USD at 10,1234: 9 999 × 10.1234 = 101 234 − 10.1234 = 101 223.8766 öre → 101 224 öre
    expect(convertToSekOre(9999n, "USD", "10.1234")).toBe(101224n);
    // 10,01 EUR at 11,45: 1 001 × 11.45 = 11 450 + 11.45 = 11 461.45 öre → 11 461 öre (.45 is below half: down)
    expect(convertToSekOre(1001n, "EUR", "11.45")).toBe(11461n);
    // 1 000,00 CNY at 0,000001: 100 000 × 0.000001 = 0.1 öre → 0 öre
    expect(convertToSekOre(100000n, "CNY", "0.000001")).toBe(0n);
  });

  it("rounds an exact half öre away from zero, and just below or above half to the nearest", () => {
    // 123,45 USD at 10,5: 12 345 × 10.5 = 123 450 + 6 172.5 = 129 622.5 öre → 129 623 (half-even would give 129 622)
    expect(convertToSekOre(12345n, "USD", "10.5")).toBe(129623n);
    // 250,00 EUR at 11,2345: 25 000 × 11.2345 = 275 000 + 5 862.5 = 280 862.5 öre → 280 863
    expect(convertToSekOre(25000n, "EUR", "11.2345")).toBe(280863n);
    // 12 345 × 10.499999 = 129 622.5 − 0.012345 = 129 622.487655 → 129 622
    expect(convertToSekOre(12345n, "USD", "10.499999")).toBe(129622n);
    // 12 345 × 10.500001 = 129 622.5 + 0.012345 = 129 622.512345 → 129 623
    expect(convertToSekOre(12345n, "USD", "10.500001")).toBe(129623n);
    // 0,01 CNY at 2,5: 2.5 öre → 3 öre
    expect(convertToSekOre(1n, "CNY", "2.5")).toBe(3n);
  });

  it("rounds reversals (negative amounts) symmetrically", () => {
    expect(convertToSekOre(-12345n, "USD", "10.5")).toBe(-129623n);
    expect(convertToSekOre(-12345n, "USD", "10.499999")).toBe(-129622n);
    expect(convertToSekOre(-1n, "CNY", "2.5")).toBe(-3n);
    expect(convertToSekOre(negate(123450n), "CNY", "1.4567")).toBe(negate(convertToSekOre(123450n, "CNY", "1.4567")));
    // An expense and its reversal sum to zero in SEK too.
    expect(sum([convertToSekOre(25000n, "EUR", "11.2345"), convertToSekOre(-25000n, "EUR", "11.2345")])).toBe(0n);
  });

  it("takes SEK at exactly 1", () => {
    expect(convertToSekOre(123450n, "SEK", "1")).toBe(123450n);
    expect(convertToSekOre(-5n, "SEK", "1.000000")).toBe(-5n);
    expect(() => convertToSekOre(123450n, "SEK", "1.0001")).toThrow();
    expect(() => convertToSekOre(123450n, "SEK", "0.999999")).toThrow();
  });

  it("refuses bad rates and currencies", () => {
    expect(() => convertToSekOre(100n, "CNY", "0")).toThrow();
    expect(() => convertToSekOre(100n, "CNY", "-1.45")).toThrow();
    expect(() => convertToSekOre(100n, "CNY", "1.4567891")).toThrow();
    expect(() => convertToSekOre(100n, "NOK" as Currency, "1")).toThrow();
  });

  it("totals the rounded lines, never a converted total", () => {
    // Three lines of 0,01 CNY at 1,5: each 1.5 öre → 2 öre, so the total is 6 öre. Converting the
    // total (3 fen × 1.5 = 4.5 öre → 5 öre) would not equal the sum of the lines the ledger shows.
    const lines = [1n, 1n, 1n].map((fen) => convertToSekOre(fen, "CNY", "1.5"));
    expect(lines).toEqual([2n, 2n, 2n]);
    expect(sum(lines)).toBe(6n);
  });

  it("divides with the one rounding rule", () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(7n, 3n)).toBe(2n);
    expect(divideRounded(-7n, 3n)).toBe(-2n);
    expect(divideRounded(0n, 3n)).toBe(0n);
    expect(() => divideRounded(1n, 0n)).toThrow();
  });

  it("property: the total is the sum of the rounded lines, each within half an öre of the exact product", () => {
    const line = fc.record({
      amount: fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
      currency: fc.constantFrom<Currency>("CNY", "EUR", "USD"),
      // Any rate from 0.000001 to 999 999.999999, also biased towards rates with a few decimals.
      scaled: fc.oneof(
        fc.bigInt({ min: 1n, max: 999_999_999_999n }),
        fc.integer({ min: 1, max: 200_000 }).map((n) => BigInt(n) * 100n),
      ),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 50 }), (lines) => {
        const converted = lines.map(({ amount, currency, scaled }) => {
          // The rate as a decimal string written independently of money.ts, with all 6 decimals.
          const rate = `${scaled / 1_000_000n}.${(scaled % 1_000_000n).toString().padStart(6, "0")}`;
          const ore = convertToSekOre(amount, currency, rate);
          // Exact product in öre is amount × scaled / 10^6, a rational; compare in millionths of an öre.
          const exact = amount * scaled;
          const error = ore * 1_000_000n - exact;
          const absError = error < 0n ? -error : error;
          expect(2n * absError <= 1_000_000n).toBe(true); // within half an öre
          if (2n * absError === 1_000_000n) {
            // an exact half: away from zero
            expect(ore < 0n ? -ore * 1_000_000n : ore * 1_000_000n).toBeGreaterThan(exact < 0n ? -exact : exact);
          }
          // A reversal rounds to exactly the negation.
          expect(convertToSekOre(-amount, currency, rate)).toBe(-ore);
          return ore;
        });
        let expected = 0n;
        for (const ore of converted) expected += ore;
        expect(sum(converted)).toBe(expected);
        // The total's distance from the exact total is at most half an öre per line.
        const exactTotal = lines.reduce((acc, { amount, scaled }) => acc + amount * scaled, 0n);
        const totalError = sum(converted) * 1_000_000n - exactTotal;
        expect(2n * (totalError < 0n ? -totalError : totalError) <= BigInt(lines.length) * 1_000_000n).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("money in the reader's language", () => {
  it("formats in Swedish, Chinese and English", () => {
    expect(formatMinor(123450n, "SEK", "sv")).toBe(`1${NBSP}234,50${NBSP}kr`);
    expect(formatMinor(-123450n, "SEK", "sv")).toBe(`${MINUS}1${NBSP}234,50${NBSP}kr`);
    expect(formatMinor(123450n, "SEK", "en")).toBe(`SEK${NBSP}1,234.50`);
    expect(formatMinor(123450n, "SEK", "zh")).toBe(`SEK${NBSP}1,234.50`);
    expect(formatMinor(123450n, "CNY", "zh")).toBe("¥1,234.50");
    expect(formatMinor(123450n, "CNY", "en")).toBe("CN¥1,234.50");
    expect(formatMinor(123450n, "EUR", "sv")).toBe(`1${NBSP}234,50${NBSP}€`);
    expect(formatMinor(-5n, "USD", "en")).toBe("-US$0.05");
    expect(formatMinor(27500000n, "SEK", "sv", { wholeWithoutDecimals: true })).toBe(`275${NBSP}000${NBSP}kr`);
    expect(formatMinor(27500001n, "SEK", "en", { wholeWithoutDecimals: true })).toBe(`SEK${NBSP}275,000.01`);
  });

  it("formats exactly, beyond what a float holds", () => {
    // 10^18 kr and 5 öre has 21 significant digits; Number() would print …000,00.
    expect(formatMinor(10n ** 20n + 5n, "SEK", "en")).toBe(`SEK${NBSP}1,000,000,000,000,000,000.05`);
    expect(formatMinor(MAX_AMOUNT_MINOR, "SEK", "sv")).toBe(
      `999${NBSP}999${NBSP}999${NBSP}999,99${NBSP}kr`,
    );
  });

  it("writes amounts and rates back as the reader types them", () => {
    expect(formatAmount(123450n, "sv")).toBe(`1${NBSP}234,50`);
    expect(formatAmount(123450n, "en")).toBe("1,234.50");
    expect(formatAmount(123450n, "zh")).toBe("1,234.50");
    expect(formatRate("1.4567", "sv")).toBe("1,4567");
    expect(formatRate("1.456700", "en")).toBe("1.4567");
    expect(formatRate("1234.000001", "zh")).toBe("1234.000001");
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_AMOUNT_MINOR }), fc.constantFrom(...languages), (minor, lang) => {
        expect(parseAmount(formatAmount(minor, lang), lang)).toBe(minor);
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 999_999_999_999n }), fc.constantFrom(...languages), (scaled, lang) => {
        const rate = scaledToRate(scaled);
        expect(parseRate(formatRate(rate, lang), lang)).toBe(rate);
      }),
    );
  });
});
