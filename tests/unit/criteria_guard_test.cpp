// The criteria loader's guard and text rules: nesting that yaml-cpp would reach however the
// text is quoted, a second document, text that is not UTF-8 once unescaped, control
// characters in ids, NFC, maxima finer than the places, and the tiers-scale warning.
// Positions and messages are worked out by hand from the text beside them.
#include <algorithm>
#include <string>
#include <vector>

#include <limits.h>
#include <pthread.h>

#include <doctest/doctest.h>

#include "support.hpp"

using cchc_test::messages;

namespace {

const std::string head = "schema: cchc/criteria@1\nid: t\ntitle: T\nmax: 2\nfields:\n";  // 5 lines

// "x: [a ', " then n '[': the quote is inside the plain scalar "a '", so it hides nothing.
std::string bypass(int n) { return "x: [a ', " + std::string(static_cast<std::size_t>(n), '[') + "\n"; }

// The map of "x" is level 1, its list level 2; the item "a '" may still be a key, which
// yaml-cpp would make a compact map (level 3) until the ','. Each '[' after it then opens
// such a map (a possible key) and a list: after j of them the depth is 2 + 2j, and the 32nd
// (byte 9 + 31 = 40, column 41) opens its map at level 65.
const char* bypass_message = "<criteria>:1:41: error: nesting is too deep (more than 64 levels)";

struct SmallStackRun {
  std::string text;
  std::vector<std::string> result;
};

void* load_on_small_stack(void* arg) {
  auto* run = static_cast<SmallStackRun*>(arg);
  const auto loaded = cchc::try_parse_criteria(run->text);
  for (const auto& d : loaded.diagnostics()) run->result.push_back(d.to_string());
  return nullptr;
}

}  // namespace

TEST_CASE("a quote inside a plain flow scalar does not hide the brackets after it") {
  for (int n : {200, 400}) {
    const auto loaded = cchc::try_parse_criteria(bypass(n));
    REQUIRE(!loaded.ok());
    CHECK(messages(loaded) == std::vector<std::string>{bypass_message});
    CHECK(loaded.diagnostics().front().code() == "nesting-too-deep");
  }
}

TEST_CASE("the bypass file is refused on a thread with a small stack, without a crash") {
  pthread_attr_t attr;
  REQUIRE(pthread_attr_init(&attr) == 0);
  const std::size_t stack = std::max<std::size_t>(64 * 1024, static_cast<std::size_t>(PTHREAD_STACK_MIN));
  REQUIRE(pthread_attr_setstacksize(&attr, stack) == 0);
  SmallStackRun run{bypass(400), {}};
  pthread_t thread;
  REQUIRE(pthread_create(&thread, &attr, load_on_small_stack, &run) == 0);
  REQUIRE(pthread_join(thread, nullptr) == 0);
  pthread_attr_destroy(&attr);
  CHECK(run.result == std::vector<std::string>{bypass_message});
}

TEST_CASE("a second YAML document is refused at its marker") {
  const std::string set = head + "  - {id: a, title: A, max: 2}\n";
  {
    const auto loaded = cchc::try_parse_criteria(set + "---\nx: 1\n");
    CHECK(messages(loaded) == std::vector<std::string>{
        "<criteria>:7:1: error: a second YAML document starts here ('---'); a criteria file holds one set: remove "
        "this line, or put the second document in a file of its own"});
    CHECK(loaded.diagnostics().front().code() == "multiple-documents");
  }
  {  // pasted inside fields: the fields after it would have been dropped
    const auto loaded = cchc::try_parse_criteria(head + "  - {id: a, title: A, max: 1}\n---\n  - {id: b, title: B, max: 1}\n");
    CHECK(messages(loaded) == std::vector<std::string>{
        "<criteria>:7:1: error: a second YAML document starts here ('---'); a criteria file holds one set: remove "
        "this line, or put the second document in a file of its own"});
  }
  {
    const auto loaded = cchc::try_parse_criteria(set + "...\nx: 1\n");
    CHECK(messages(loaded) == std::vector<std::string>{
        "<criteria>:7:1: error: the document ends here ('...') but the file goes on with a second document; a "
        "criteria file holds one set: remove this line, or put the rest in a file of its own"});
  }
  // A marker before the set, and an end marker with nothing after it, are one document.
  CHECK(cchc::try_parse_criteria("---\n" + set + "...\n# end\n").ok());
}

TEST_CASE("a scalar that is not UTF-8 once unescaped is refused where it is written") {
  // yaml-cpp 0.7 turns \N into the raw byte 0x85. The title's quote is at column 20:
  // "  - {" 5, "id: a, " 7, "title: " 7.
  const auto loaded = cchc::try_parse_criteria(head + "  - {id: a, title: \"A\\N\", max: 2}\n");
  CHECK(messages(loaded) == std::vector<std::string>{
      "<criteria>:6:20: error: field 'a': title: 'A<0x85>' is not valid UTF-8 once its escapes are read; write the "
      "character itself instead of an escape such as \\N, \\_ or \\x85"});
  CHECK(loaded.diagnostics().front().code() == "invalid-utf8-escape");
}

TEST_CASE("a control character in an option name is refused and shown escaped") {
  // "  - {" 5, "id: a, " 7, "title: A, " 10, "max: 1, " 8, "rule: {" 7, "options: {" 10: the key at 48.
  const auto loaded = cchc::try_parse_criteria(
      "schema: cchc/criteria@1\nid: t\ntitle: T\nmax: 1\nfields:\n"
      "  - {id: a, title: A, max: 1, rule: {options: {\"x\\e\": 1, y: 0}}}\n");
  CHECK(messages(loaded) == std::vector<std::string>{
      "<criteria>:6:48: error: field 'a' rule options: key 'x<U+001B>' contains a control character; ids are typed "
      "by clerks and printed in reports"});
  CHECK(loaded.diagnostics().front().code() == "control-character-in-id");
  CHECK(loaded.diagnostics().front().criterion() == "a");
}

TEST_CASE("text typed decomposed (NFD) is held composed (NFC)") {
  // "Chậm" decomposed: C h a, U+0323 (dot below), U+0302 (circumflex), m; composed: U+1EAD.
  const std::string nfd = "Cha\xCC\xA3\xCC\x82m", nfc = "Ch\xE1\xBA\xAD" "m";
  const auto set = cchc_test::set_from("schema: cchc/criteria@1\nid: t\ntitle: T\nmax: 1\nfields:\n"
                                       "  - {id: a, title: \"" + nfd + "\", max: 1, rule: {options: {\"" + nfd +
                                       "\": 1, khong: 0}}}\n");
  const auto& leaf = set.node(1);
  CHECK(leaf.title == nfc);
  REQUIRE(leaf.rule.options.size() == 2);
  CHECK(leaf.rule.options[0].name == nfc);
}

TEST_CASE("a max with more decimals than rounding.places is refused with the reason") {
  // places 2, half_up: full marks on 2.125 would be 2.13.
  const auto loaded = cchc::try_parse_criteria("schema: cchc/criteria@1\nid: t\ntitle: T\nmax: 2.125\nfields:\n"
                                               "  - {id: a, title: A, max: 2.125, na: full_points}\n"
                                               "adjustments:\n  - {id: b, title: B, kind: bonus, max: 0.505}\n");
  const std::string reason =
      " has 3 decimals but rounding.places is 2: points are rounded to 2 places, so full marks (2.13) would differ "
      "from the max and from a unit marked 'na' under full_points";
  CHECK(messages(loaded) == std::vector<std::string>{
      "<criteria>:1:1: error: the set: max 2.125" + reason,
      "<criteria>:6:5: error: field 'a': max 2.125" + reason,
      "<criteria>:8:5: error: adjustment 'b': max 0.505 has 3 decimals but rounding.places is 2: adjustment points "
      "are entered with at most 2 decimals, so the cap could never be given in full"});
  for (const auto& d : loaded.diagnostics()) CHECK(d.code() == "max-finer-than-places");
  // half_even rounds the tie to the even neighbour: 2.12.
  const auto even = cchc::try_parse_criteria("schema: cchc/criteria@1\nid: t\ntitle: T\nmax: 2\n"
                                             "rounding: {places: 2, mode: half_even}\nfields:\n"
                                             "  - {id: a, title: A, max: 2, criteria: [{id: b, title: B, max: 1.125},"
                                             " {id: c, title: C, max: 0.875}]}\n");
  REQUIRE(even.diagnostics().size() == 2);
  CHECK(even.diagnostics()[0].message().find("full marks (1.12)") != std::string::npos);
  CHECK(even.diagnostics()[1].message().find("full marks (0.88)") != std::string::npos);
}

TEST_CASE("tiers on whole-number bounds with an inferred scale load with a warning") {
  const auto loaded = cchc::try_parse_criteria(
      head + "  - {id: a, title: A, max: 2, rule: {tiers: [{min: 100, points: 2}, {min: 80, points: 1}, {points: 0}]}}\n");
  REQUIRE(loaded.ok());
  CHECK(messages(loaded) == std::vector<std::string>{
      "<criteria>:6:5: warning: field 'a' rule: tiers: the bounds (min: 100, min: 80) are whole numbers, so the "
      "value is read as a plain number (0.95 is 0.95, not 95%); write 'value: count' if it counts something, or the "
      "bounds as percentages (min: 80%) if it is a rate"});
  CHECK(loaded.diagnostics().front().severity() == cchc::Severity::warning);
  CHECK(loaded.diagnostics().front().code() == "tiers-scale-inferred");
  CHECK(loaded.diagnostics().front().criterion() == "a");
  // Said outright, or written as percentages, there is nothing to warn about.
  CHECK(cchc::try_parse_criteria(head + "  - {id: a, title: A, max: 2, rule: {value: count, tiers: [{min: 100, points: 2}, "
                                        "{points: 0}]}}\n").diagnostics().empty());
  CHECK(cchc::try_parse_criteria(head + "  - {id: a, title: A, max: 2, rule: {tiers: [{min: 80%, points: 2}, "
                                        "{points: 0}]}}\n").diagnostics().empty());
}
