// detail::format_with_fallback (src/i18n/format.hpp), the core of trf: a catalog whose
// translation is not a valid pattern for the message's arguments must not turn a diagnostic
// into an exception. It falls back to the English msgid.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "i18n/format.hpp"

#include <string>

using cchc::detail::format_with_fallback;
using fmt::literals::operator""_a;  // NOLINT(misc-unused-using-decls): clang-tidy 14 misses uses in "name"_a

namespace {
const char* const english = "{what}: duplicate key {key} (first at line {line})";

std::string format(const char* translated) {
  return format_with_fallback(translated, english, fmt::make_format_args("what"_a = "the set", "key"_a = "'id'", "line"_a = 3));
}
}  // namespace

TEST_CASE("a good translation is formatted, its placeholders in its own order") {
  CHECK(format("{what}: khóa {key} bị trùng (xuất hiện lần đầu ở dòng {line})") ==
        "the set: khóa 'id' bị trùng (xuất hiện lần đầu ở dòng 3)");
  CHECK(format("dòng {line}: {key} trùng ({what})") == "dòng 3: 'id' trùng (the set)");
}

TEST_CASE("a translation that is no valid pattern falls back to the English msgid") {
  const std::string expected = "the set: duplicate key 'id' (first at line 3)";
  CHECK(format("{what}: khóa {kye} bị trùng") == expected);   // a misspelt name
  CHECK(format("{what}: khóa {key bị trùng") == expected);    // an unclosed brace
  CHECK(format("{what}: khóa } bị trùng") == expected);       // a stray closing brace
  CHECK(format("{line:%Y}") == expected);                     // a bad format spec
  CHECK(format(english) == expected);                         // no translation: dgettext gives the msgid back
}

TEST_CASE("a bad English msgid comes out as it stands, never as an exception") {
  CHECK(format_with_fallback("{nope}", "{what} and {missing}", fmt::make_format_args("what"_a = 1)) == "{what} and {missing}");
  CHECK(format_with_fallback(nullptr, "plain {what}", fmt::make_format_args("what"_a = 1)) == "plain 1");
}
