// Decimal: strict parsing of clerk-written numbers, exact rounding in both modes, text.
#include <doctest/doctest.h>

#include <cstdint>

#include "cchc/model/decimal.hpp"

using cchc::Decimal;
using cchc::RoundingMode;

namespace {
std::int64_t raw_of(std::string_view text, bool decimal_comma = false) {
  const auto d = Decimal::parse(text, decimal_comma);
  REQUIRE_MESSAGE(d.has_value(), "did not parse: " << std::string(text));
  return d->raw();
}
bool refused(std::string_view text, bool decimal_comma = false) { return !Decimal::parse(text, decimal_comma).has_value(); }
std::string round_text(std::string_view text, int places, RoundingMode mode) {
  return Decimal::from_raw(raw_of(text)).rounded(places, mode).to_string();
}
}  // namespace

TEST_CASE("Decimal parses plain decimals into millionths") {
  CHECK(raw_of("12") == 12000000);
  CHECK(raw_of("-3.5") == -3500000);
  CHECK(raw_of("0.000001") == 1);
  CHECK(raw_of("0") == 0);
  CHECK(raw_of("88.45") == 88450000);
  CHECK(raw_of("999999999999") == 999999999999000000);
}

TEST_CASE("Decimal accepts a decimal comma only when asked") {
  CHECK(raw_of("97,5", true) == 97500000);
  CHECK(raw_of("0,98", true) == 980000);
  CHECK(raw_of("0.98", true) == 980000);  // a point still works in comma mode
  CHECK(refused("97,5"));
  CHECK(refused("0,98"));
}

TEST_CASE("Decimal refuses what YAML 1.1 or strtod would misread") {
  CHECK(refused("010"));   // octal 8 in YAML 1.1
  CHECK(refused("00.5"));
  CHECK(refused("0x1A"));
  CHECK(refused("0o17"));
  CHECK(refused("0b101"));
  CHECK(refused("NaN"));
  CHECK(refused("nan"));
  CHECK(refused(".nan"));
  CHECK(refused("inf"));
  CHECK(refused("-inf"));
  CHECK(refused(".inf"));
  CHECK(refused("Infinity"));
  CHECK(refused("1e3"));
  CHECK(refused("+1"));
  CHECK(refused(""));
  CHECK(refused("."));
  CHECK(refused(".5"));
  CHECK(refused("1."));
  CHECK(refused("1 000"));
  CHECK(refused("mười"));
  CHECK(refused("97%"));  // a percentage is evidence text, not a Decimal
}

TEST_CASE("Decimal refuses digits it would lose and numbers out of range") {
  CHECK(refused("0.0000001"));   // 7th decimal place
  CHECK(refused("1.2345678"));
  CHECK(refused("1000000000000"));  // 10^12
}

TEST_CASE("half_up rounds ties away from zero, as Excel's ROUND") {
  CHECK(round_text("95.385", 2, RoundingMode::half_up) == "95.39");
  CHECK(round_text("78.3878", 2, RoundingMode::half_up) == "78.39");  // METHOD.md's published example
  CHECK(round_text("95.375", 2, RoundingMode::half_up) == "95.38");
  CHECK(round_text("1.234", 2, RoundingMode::half_up) == "1.23");
  CHECK(round_text("0.5", 0, RoundingMode::half_up) == "1");
  CHECK(round_text("2.5", 0, RoundingMode::half_up) == "3");
  CHECK(round_text("-2.345", 2, RoundingMode::half_up) == "-2.35");
  CHECK(round_text("-0.5", 0, RoundingMode::half_up) == "-1");
  CHECK(round_text("-2.344", 2, RoundingMode::half_up) == "-2.34");
}

TEST_CASE("half_even rounds ties to the even neighbour") {
  CHECK(round_text("95.385", 2, RoundingMode::half_even) == "95.38");  // 8 is even
  CHECK(round_text("95.375", 2, RoundingMode::half_even) == "95.38");  // 7 is odd
  CHECK(round_text("0.5", 0, RoundingMode::half_even) == "0");
  CHECK(round_text("1.5", 0, RoundingMode::half_even) == "2");
  CHECK(round_text("2.5", 0, RoundingMode::half_even) == "2");
  CHECK(round_text("-2.345", 2, RoundingMode::half_even) == "-2.34");
  CHECK(round_text("-2.355", 2, RoundingMode::half_even) == "-2.36");
  CHECK(round_text("-0.5", 0, RoundingMode::half_even) == "0");
  CHECK(round_text("2.3451", 2, RoundingMode::half_even) == "2.35");  // not a tie
}

TEST_CASE("rounding to six places or more changes nothing") {
  CHECK(Decimal::from_raw(1234567).rounded(6, RoundingMode::half_up).raw() == 1234567);
}

TEST_CASE("to_string writes the fewest digits, or exactly the places asked") {
  CHECK(Decimal::from_raw(88450000).to_string() == "88.45");
  CHECK(Decimal::from_int(100).to_string() == "100");
  CHECK(Decimal::from_raw(1).to_string() == "0.000001");
  CHECK(Decimal::from_raw(-1).to_string() == "-0.000001");
  CHECK(Decimal::from_raw(88400000).to_string(2) == "88.40");
  CHECK(Decimal::from_int(100).to_string(2) == "100.00");
  CHECK(Decimal::from_raw(95390000).to_string(2, ',') == "95,39");
  CHECK(Decimal::from_raw(-500000).to_string(2) == "-0.50");
  CHECK(Decimal::from_raw(2500000).to_string(0) == "3");        // rounded half-up first
  CHECK(Decimal::from_raw(95385000).to_string(2) == "95.39");
  CHECK(Decimal::from_raw(-1).to_string(2) == "0.00");          // no "-0.00"
  CHECK(Decimal::from_raw(1500000).to_string(8) == "1.50000000");
  // The most negative raw value, −2^63 millionths, has no positive counterpart in int64.
  CHECK(Decimal::from_raw(INT64_MIN).to_string() == "-9223372036854.775808");
}

TEST_CASE("fractional_digits and is_integer") {
  CHECK(Decimal::from_int(7).fractional_digits() == 0);
  CHECK(Decimal::from_raw(250000).fractional_digits() == 2);
  CHECK(Decimal::from_raw(1).fractional_digits() == 6);
  CHECK(Decimal::from_int(7).is_integer());
  CHECK_FALSE(Decimal::from_raw(7000001).is_integer());
}
