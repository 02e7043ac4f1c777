// Every validation error the criteria loader produces: the exact message and its 1-based
// line:column. Each position is the token the message is about (a key, a value, or the map
// that lacks a key); counted by hand from the text beside it. Columns count bytes, as
// yaml-cpp's marks do: after "Khá" (4 bytes, 3 letters) a column is one more than an editor
// shows. An empty document ("---") has nothing on line 1 after the marker: line 2.
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include "support.hpp"

using cchc_test::messages;

namespace {

struct Case {
  const char* name;
  std::string yaml;
  std::vector<std::string> expected;
};

// The common header is 5 lines (schema, id, title, max, "fields:"), so most problems are
// on line 6: "  - {id: a, title: A, max: 2, ...}" where '{' is column 5.
const Case cases[] = {
    {"empty file",
     std::string("", 0),
     {"<criteria>: error: the file is empty: expected a criteria set (schema: cchc/criteria@1)"}},
    {"only comments",
     std::string("# chỉ có chú thích\n"
      "\n", 25),
     {"<criteria>: error: the file is empty: expected a criteria set (schema: cchc/criteria@1)"}},
    {"NUL byte",
     std::string("schema: cchc/criteria@1\n"
      "id: a\0""b\n", 32),
     {"<criteria>:2:6: error: NUL byte in text (is this a binary or UTF-16 file?)"}},
    {"invalid UTF-8 byte",
     std::string("schema: cchc/criteria@1\n"
      "title: \"T\xff""i\"\n", 37),
     {"<criteria>:2:10: error: invalid UTF-8 byte (save the file as UTF-8)"}},
    {"invalid UTF-8 byte after Vietnamese letters: the column counts characters",
     // title: "Sở Tài \xff": 'ở' is 3 bytes and 'à' 2, so the bad byte is byte 19 but
     // character 16 (t-i-t-l-e-:-space-quote = 8, "Sở Tài " = 7).
     std::string("schema: cchc/criteria@1\n"
      "title: \"S\xe1\xbb\x9f T\xc3\xa0i \xff\"\n"),
     {"<criteria>:2:16: error: invalid UTF-8 byte (save the file as UTF-8)"}},
    {"truncated UTF-8",
     std::string("title: \"T\xc3""", 10),
     {"<criteria>:1:10: error: truncated UTF-8 sequence at the end of the file"}},
    {"bad UTF-8 continuation",
     std::string("title: \"\xc3""(x\"\n", 13),
     {"<criteria>:1:9: error: invalid UTF-8 sequence (save the file as UTF-8)"}},
    {"overlong UTF-8",
     std::string("title: \"\xc0""\xaf""\"\n", 12),
     {"<criteria>:1:9: error: invalid UTF-8 sequence (overlong or surrogate)"}},
    {"UTF-8 surrogate",
     std::string("title: \"\xed""\xa0""\x80""\"\n", 13),
     {"<criteria>:1:9: error: invalid UTF-8 sequence (overlong or surrogate)"}},
    {"tab indentation",
     std::string("schema: cchc/criteria@1\n"
      "fields:\n"
      "\t- {id: a}\n", 43),
     {"<criteria>:3:1: error: tab character in indentation; YAML indents with spaces only"}},
    {"tab after spaces",
     std::string("schema: cchc/criteria@1\n"
      "fields:\n"
      "  \t- {id: a}\n", 45),
     {"<criteria>:3:3: error: tab character in indentation; YAML indents with spaces only"}},
    {"nesting too deep",
     // The map of "x" is level 1 and the first '[' level 2. Each later '[' starts an item of
     // the list around it that yaml-cpp may still find to be a key (a compact map: one level)
     // and opens a list (another): the 2nd '[' reaches 4, the k-th 2k. The 33rd '[' (column
     // 3 + 33 = 36) opens its compact map at level 65.
     std::string("x: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n", 74),
     {"<criteria>:1:36: error: nesting is too deep (more than 64 levels)"}},
    {"YAML: unclosed flow list",
     std::string("schema: cchc/criteria@1\n"
      "fields: [a, b\n", 38),
     {"<criteria>:3:1: error: YAML syntax: end of sequence flow not found"}},
    {"YAML: illegal map value",
     std::string("a: b: c\n", 8),
     {"<criteria>:1:5: error: YAML syntax: illegal map value"}},
    {"YAML: undefined alias",
     std::string("x: *nope\n", 9),
     {"<criteria>:1:4: error: YAML syntax: the referenced anchor is not defined"}},
    {"root is a list",
     std::string("- a\n"
      "- b\n", 8),
     {"<criteria>:1:1: error: the document must be a map of keys (schema, id, title, max, fields, …), found a list"}},
    {"root is a scalar",
     std::string("chỉ số\n", 11),
     {"<criteria>:1:1: error: the document must be a map of keys (schema, id, title, max, fields, …), found a scalar"}},
    {"root is nothing",
     std::string("---\n", 4),
     {"<criteria>:2:1: error: the document must be a map of keys (schema, id, title, max, fields, …), found nothing"}},
    {"unknown root key",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n"
      "colour: red\n", 96),
     {"<criteria>:7:1: error: the set: unknown key 'colour'; expected one of: schema, id, title, year, max, rounding, aggregate, bands, groups, ranking, adjustments, fields, description"}},
    {"duplicate root key",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "id: u\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 90),
     {"<criteria>:3:1: error: the set: duplicate key 'id' (first at line 2)"}},
    {"unknown node key",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, weigth: 1}\n", 95),
     {"<criteria>:6:31: error: field under the set: unknown key 'weigth'; expected one of: id, title, max, weight, aggregate, source, na, rule, criteria, description"}},
    {"duplicate node key",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, title: B}\n", 94),
     {"<criteria>:6:31: error: field under the set: duplicate key 'title' (first at line 6)"}},
    {"non-scalar key",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n"
      "? [a, b]\n"
      ": 1\n", 97),
     {"<criteria>:7:3: error: the set: a key must be a plain name, found a list"}},
    {"unknown rule kind",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 1\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1, rule: {formula: x}}\n", 104),
     {"<criteria>:6:37: error: field 'a' rule: missing the rule kind (points | options | tiers | proportional | deduct | survey)", "<criteria>:6:38: error: field 'a' rule: unknown key 'formula'; expected one of: points, options, tiers, proportional, deduct, survey, value"}},
    {"unknown schema",
     std::string("schema: cchc/criteria@2\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 84),
     {"<criteria>:1:9: error: unknown schema 'cchc/criteria@2'; expected 'cchc/criteria@1'"}},
    {"missing schema",
     std::string("id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 60),
     {"<criteria>:1:1: error: the set: missing required key 'schema'"}},
    {"missing fields",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n", 46),
     {"<criteria>:1:1: error: the set: missing required key 'fields'"}},
    {"empty fields",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields: []\n", 57),
     {"<criteria>:5:9: error: fields: the list is empty: a set needs at least one field"}},
    {"missing node id",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {title: A, max: 2}\n", 77),
     {"<criteria>:6:5: error: field under the set: missing required key 'id'"}},
    {"missing node title",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, max: 2}\n", 74),
     {"<criteria>:6:5: error: field 'a': missing required key 'title'"}},
    {"missing node max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A}\n", 76),
     {"<criteria>:6:5: error: field 'a': missing required key 'max'"}},
    {"missing max in block style",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - id: a\n"
      "    title: A\n", 77),
     {"<criteria>:6:5: error: field 'a': missing required key 'max'"}},
    {"node is a scalar",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - a\n", 60),
     {"<criteria>:6:5: error: field under the set: expected a map of keys, found a scalar"}},
    {"empty id",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: \"\", title: A, max: 2}\n", 85),
     {"<criteria>:6:10: error: field under the set: id is empty"}},
    {"duplicate id",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1}\n"
      "  - {id: a, title: B, max: 1}\n", 114),
     {"<criteria>:7:10: error: field under the set: duplicate id 'a' (first at line 6)"}},
    {"title is a map",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: {x: 1}, max: 2}\n", 89),
     {"<criteria>:6:20: error: field 'a': title: expected text, found a map"}},
    {"negative max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: -2}\n", 85),
     {"<criteria>:6:28: error: field 'a': max: expected a number >= 0, found '-2'"}},
    {"NaN max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: .nan}\n", 87),
     {"<criteria>:6:28: error: field 'a': max: expected a finite number, not NaN or infinity, found '.nan'"}},
    {"infinite max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: .inf}\n", 87),
     {"<criteria>:6:28: error: field 'a': max: expected a finite number, not NaN or infinity, found '.inf'"}},
    {"negative infinite max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: -.inf}\n", 88),
     {"<criteria>:6:28: error: field 'a': max: expected a finite number, not NaN or infinity, found '-.inf'"}},
    {"hexadecimal max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 0x2}\n", 86),
     {"<criteria>:6:28: error: field 'a': max: expected a decimal number, not hexadecimal, octal or binary, found '0x2'"}},
    {"octal-looking max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 02}\n", 85),
     {"<criteria>:6:28: error: field 'a': max: expected a decimal number without leading zeros (YAML 1.1 reads 010 as octal 8), found '02'"}},
    {"word for max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: hai}\n", 86),
     {"<criteria>:6:28: error: field 'a': max: expected a number (digits with an optional decimal point), found 'hai'"}},
    {"zero max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 0}\n", 84),
     {"<criteria>:6:28: error: field 'a': max: expected a number > 0, found '0'"}},
    {"too many decimals in max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 0.0000001}\n", 92),
     {"<criteria>:6:28: error: field 'a': max: expected a number with at most 6 decimal places, found '0.0000001'"}},
    {"percent max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 50%}\n", 86),
     {"<criteria>:6:28: error: field 'a': max: expected a number without '%', found '50%'"}},
    {"exponent max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2e0}\n", 86),
     {"<criteria>:6:28: error: field 'a': max: expected a number (digits with an optional decimal point), found '2e0'"}},
    {"decimal comma max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: \"1,5\"}\n", 88),
     {"<criteria>:6:28: error: field 'a': max: expected a number with a decimal point '.' (a decimal comma is accepted only in ';'-separated files), found '1,5'"}},
    {"max is a list",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: [2]}\n", 86),
     {"<criteria>:6:28: error: field 'a': max: expected a number, found a list"}},
    {"option above max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 1\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1, rule: {options: {co: 2, khong: 0}}}\n", 120),
     {"<criteria>:6:52: error: field 'a' rule: option 'co' gives 2 points, above the leaf's max 1"}},
    {"option finer than places",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 1\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1, rule: {options: {co: 0.125, khong: 0}}}\n", 124),
     {"<criteria>:6:52: error: field 'a' rule: option 'co' gives 0.125 points, with more decimals than rounding.places (2)"}},
    {"option named na",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 1\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1, rule: {options: {co: 1, na: 0}}}\n", 117),
     {"<criteria>:6:59: error: field 'a' rule: an option name must not be empty or 'na'"}},
    {"duplicate option",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 1\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1, rule: {options: {co: 1, co: 0}}}\n", 117),
     {"<criteria>:6:55: error: field 'a' rule options: duplicate key 'co' (first at line 6)"}},
    {"no options",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 1\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1, rule: {options: {}}}\n", 105),
     {"<criteria>:6:47: error: field 'a' rule: options: expected at least one option"}},
    {"tier above max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, rule: {tiers: [{above: 0.9, points: 3}, {points: 0}]}}\n", 139),
     {"<criteria>:6:46: error: field 'a' rule: tier 1 gives 3 points, above the leaf's max 2"}},
    {"unreachable tier",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, rule: {tiers: [{min: 0.5, points: 1}, {min: 0.7, points: 2}, {points: 0}]}}\n", 160),
     {"<criteria>:6:69: error: field 'a' rule tier 2: can never be met: the tier above it already takes every value this one would"}},
    {"tier after an unbounded tier",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, rule: {tiers: [{points: 1}, {min: 0.5, points: 2}]}}\n", 137),
     {"<criteria>:6:59: error: field 'a' rule tier 2: can never be met: the tier above it already takes every value this one would"}},
    {"tier with min and above",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, rule: {tiers: [{min: 0.5, above: 0.5, points: 1}, {points: 0}]}}\n", 149),
     {"<criteria>:6:46: error: field 'a' rule tier 1: give either 'min' (inclusive) or 'above' (strict), not both"}},
    {"no tiers",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, rule: {tiers: []}}\n", 103),
     {"<criteria>:6:45: error: field 'a' rule: tiers: expected a non-empty list of {min|above, points}"}},
    {"tier without points",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, rule: {tiers: [{min: 0.5}, {points: 0}]}}\n", 126),
     {"<criteria>:6:46: error: field 'a' rule tier 1: missing required key 'points'"}},
    {"rate bound above 1",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, rule: {value: rate, tiers: [{min: 5, points: 2}, {points: 0}]}}\n", 148),
     {"<criteria>:6:58: error: field 'a' rule: a tier bound above 1 on a rate (write rates as 0..1 or as a percentage such as 90%)"}},
    {"unknown tier value",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, rule: {value: percent, tiers: [{points: 0}]}}\n", 130),
     {"<criteria>:6:45: error: field 'a' rule: value: expected rate | count | number, found 'percent'"}},
    {"value without tiers",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, rule: {value: rate, points: {step: 0.5}}}\n", 126),
     {"<criteria>:6:45: error: field 'a' rule: 'value' applies only to tiers"}},
    {"two rule kinds",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, rule: {points: {step: 0.5}, options: {co: 1}}}\n", 131),
     {"<criteria>:6:59: error: field 'a' rule: one rule kind per leaf, found both 'points' and 'options'"}},
    {"empty rule",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 1\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1, rule: {}}\n", 94),
     {"<criteria>:6:37: error: field 'a' rule: missing the rule kind (points | options | tiers | proportional | deduct | survey)"}},
    {"zero step",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 1\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1, rule: {points: {step: 0}}}\n", 111),
     {"<criteria>:6:53: error: field 'a' rule points: step: expected a number > 0, found '0'"}},
    {"target above 1",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 1\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1, rule: {proportional: {target: 2}}}\n", 119),
     {"<criteria>:6:61: error: field 'a' rule: proportional: target is a rate in (0, 1], found 2"}},
    {"zero target",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 1\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1, rule: {proportional: {target: 0}}}\n", 119),
     {"<criteria>:6:61: error: field 'a' rule proportional: target: expected a number > 0, found '0'"}},
    {"deduct without per",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 1\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1, rule: {deduct: {}}}\n", 104),
     {"<criteria>:6:46: error: field 'a' rule deduct: missing required key 'per'"}},
    {"survey without answers",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 1\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1, rule: {survey: {}}}\n", 104),
     {"<criteria>:6:46: error: field 'a' rule: survey: missing required key 'answers' (e.g. {A: 1, B: 0.6, C: 0.2, D: 0})"}},
    {"survey with no answer",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 1\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1, rule: {survey: {answers: {}}}}\n", 115),
     {"<criteria>:6:56: error: field 'a' rule: survey: expected at least one answer"}},
    {"survey weight above 1",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 1\n"
      "fields:\n"
      "  - {id: a, title: A, max: 1, rule: {survey: {answers: {A: 1.5, B: 0}}}}\n", 127),
     {"<criteria>:6:60: error: field 'a' rule: answer 'A' has weight 1.5; a weight is 0..1"}},
    {"rule and criteria",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - id: a\n"
      "    title: A\n"
      "    max: 2\n"
      "    rule: {points: }\n"
      "    criteria:\n"
      "      - {id: a.1, title: A1, max: 2}\n", 160),
     {"<criteria>:9:5: error: field 'a': a node with criteria has no rule (its points come from its children)"}},
    {"aggregate on a leaf",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, aggregate: sum}\n", 100),
     {"<criteria>:6:31: error: field 'a': 'aggregate' needs criteria to aggregate"}},
    {"empty criteria",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, criteria: []}\n", 98),
     {"<criteria>:6:41: error: field 'a' criteria: the list is empty (leave the key out to make a leaf)"}},
    {"criteria is a map",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, criteria: {b: 1}}\n", 102),
     {"<criteria>:6:41: error: field 'a' criteria: expected a list, found a map"}},
    {"children do not add up",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, criteria: [{id: a.1, title: A1, max: 1}, {id: a.2, title: A2, max: 0.5}]}\n", 158),
     {"<criteria>:6:5: error: the children of field 'a' add up to 1.5, but its max is 2"}},
    {"sub-criteria do not add up",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - id: a\n"
      "    title: A\n"
      "    max: 2\n"
      "    criteria:\n"
      "      - {id: a.1, title: A1, max: 2, criteria: [{id: a.1.1, title: X, max: 3}]}\n", 182),
     {"<criteria>:10:9: error: the children of criterion 'a.1' add up to 3, but its max is 2"}},
    {"fields do not add up",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 100\n"
      "fields:\n"
      "  - {id: a, title: A, max: 40}\n"
      "  - {id: b, title: B, max: 59.55}\n", 121),
     {"<criteria>:1:1: error: the fields add up to 99.55, but the set's max is 100"}},
    {"missing weight",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 10\n"
      "aggregate: weighted_mean\n"
      "fields:\n"
      "  - {id: a, title: A, max: 10, weight: 1}\n"
      "  - {id: b, title: B, max: 10}\n", 153),
     {"<criteria>:8:5: error: field 'b': missing 'weight' (its parent aggregates by weighted_mean)"}},
    {"zero weight",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 10\n"
      "aggregate: weighted_mean\n"
      "fields:\n"
      "  - {id: a, title: A, max: 10, weight: 0}\n", 122),
     {"<criteria>:7:40: error: field 'a': weight: expected a number > 0, found '0'"}},
    {"weight under sum",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, weight: 1}\n", 95),
     {"<criteria>:6:5: error: field 'a': 'weight' is used only under aggregate: weighted_mean"}},
    {"appraisal inside survey",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, source: survey, criteria: [{id: a.1, title: X, max: 2, source: appraisal}]}\n", 160),
     {"<criteria>:6:94: error: criterion 'a.1': source: appraisal inside a survey node"}},
    {"unknown source",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, source: khao_sat}\n", 102),
     {"<criteria>:6:39: error: field 'a': source: expected appraisal | survey, found 'khao_sat'"}},
    {"unknown na",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2, na: skip}\n", 94),
     {"<criteria>:6:35: error: field 'a': na: expected exclude | full_points, found 'skip'"}},
    {"unknown aggregate",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "aggregate: mean\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 100),
     {"<criteria>:5:12: error: the set: aggregate: expected sum | weighted_mean, found 'mean'"}},
    {"bands out of order",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "bands: [{min: 80, label: Khá}, {min: 90, label: Tốt}]\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 141),
     // Columns count characters: "bands: [" is 8, "{min: 80, label: Khá}" 21, ", " 2: column 32.
     {"<criteria>:5:32: error: bands: bands out of order: 'Tốt' (min 90) must have a lower bound than 'Khá' above it (min 80)"}},
    {"strict band under an equal inclusive one",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "bands: [{min: 80, label: A}, {above: 80, label: B}]\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 136),
     {"<criteria>:5:30: error: bands: bands out of order: 'B' (above 80) must have a lower bound than 'A' above it (min 80)"}},
    {"band after an unbounded band",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "bands: [{label: Tốt}, {min: 50, label: Khá}]\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 132),
     // "bands: [" 8, "{label: Tốt}" 12 characters (14 bytes), ", " 2: column 23.
     {"<criteria>:5:23: error: bands: band 'Khá' can never apply: the band above it ('Tốt') has no bound and takes every index"}},
    {"band bound above 100",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "bands: [{min: 101, label: X}]\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 114),
     {"<criteria>:5:15: error: bands band 1: min: a band bound is an index in %, 0..100, found 101"}},
    {"band with min and above",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "bands: [{min: 80, above: 80, label: X}]\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 124),
     {"<criteria>:5:9: error: bands band 1: give either 'min' (inclusive) or 'above' (strict), not both"}},
    {"band without label",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "bands: [{min: 80}]\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 103),
     {"<criteria>:5:9: error: bands band 1: missing required key 'label'"}},
    {"bands is a map",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "bands: {min: 80}\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 101),
     {"<criteria>:5:8: error: bands: expected a list of bands, found a map"}},
    {"group bands out of order",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "groups:\n"
      "  huyen: {title: H, bands: [{above: 50, label: II}, {min: 80, label: I}]}\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 166),
     {"<criteria>:6:53: error: group 'huyen': bands out of order: 'I' (min 80) must have a lower bound than 'II' above it (above 50)"}},
    {"unknown group key",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "groups: {huyen: {tile: H}}\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 111),
     {"<criteria>:5:18: error: group 'huyen': unknown key 'tile'; expected one of: title, bands"}},
    {"groups is a list",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "groups: [huyen]\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 100),
     {"<criteria>:5:9: error: groups: expected a map of keys, found a list"}},
    {"unknown rounding mode",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "rounding: {places: 2, mode: up}\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 116),
     {"<criteria>:5:29: error: rounding: mode: expected half_up | half_even, found 'up'"}},
    {"rounding places 7",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "rounding: {places: 7}\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 106),
     {"<criteria>:5:20: error: rounding: places: expected a whole number 0..6, found 7"}},
    {"fractional rounding places",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "rounding: {places: 1.5}\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 108),
     {"<criteria>:5:20: error: rounding: places: expected a whole number 0..6, found 1.5"}},
    {"unknown rounding key",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "rounding: {digits: 2}\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 106),
     {"<criteria>:5:12: error: rounding: unknown key 'digits'; expected one of: places, mode"}},
    {"two-digit year",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "year: 25\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 93),
     {"<criteria>:5:7: error: year: expected a year such as 2025, found 25"}},
    {"adjustments is a map",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n"
      "adjustments: {id: x}\n", 105),
     {"<criteria>:7:14: error: adjustments: expected a list, found a map"}},
    {"adjustment without kind",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n"
      "adjustments: [{id: thuong, title: T, max: 2}]\n", 130),
     {"<criteria>:7:15: error: adjustment 1: missing required key 'kind' (bonus | penalty)"}},
    {"unknown adjustment kind",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n"
      "adjustments: [{id: thuong, title: T, kind: reward, max: 2}]\n", 144),
     {"<criteria>:7:44: error: adjustment 1: kind: expected bonus | penalty, found 'reward'"}},
    {"adjustment id of a node",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n"
      "adjustments: [{id: a, title: T, kind: bonus, max: 1}]\n", 138),
     {"<criteria>:7:15: error: adjustment 1: duplicate id 'a' (first at line 6)"}},
    {"negative adjustment max",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n"
      "adjustments: [{id: x, title: T, kind: penalty, max: -1}]\n", 141),
     {"<criteria>:7:53: error: adjustment 1: max: expected a number >= 0, found '-1'"}},
    {"unknown adjustment key",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n"
      "adjustments: [{id: x, title: T, kind: bonus, max: 1, cap: 2}]\n", 146),
     {"<criteria>:7:54: error: adjustment 1: unknown key 'cap'; expected one of: id, title, kind, max, description"}},
    {"unknown tie-break node",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "ranking: {tie_break: [z]}\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 110),
     {"<criteria>:5:23: error: ranking: tie_break: unknown node id 'z'"}},
    {"tie-break is a scalar",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "ranking: {tie_break: a}\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 108),
     {"<criteria>:5:22: error: ranking: tie_break: expected a list of node ids, found a scalar"}},
    {"tie-break entry is a map",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "ranking: {tie_break: [{a: 1}]}\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 115),
     {"<criteria>:5:23: error: ranking: tie_break: expected a node id, found a map"}},
    {"unknown ranking basis",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "ranking: {on: both}\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 104),
     {"<criteria>:5:15: error: ranking: on: expected exact | rounded, found 'both'"}},
    {"unknown ranking key",
     std::string("schema: cchc/criteria@1\n"
      "id: t\n"
      "title: T\n"
      "max: 2\n"
      "ranking: {by: exact}\n"
      "fields:\n"
      "  - {id: a, title: A, max: 2}\n", 105),
     {"<criteria>:5:11: error: ranking: unknown key 'by'; expected one of: on, tie_break"}},
};

}  // namespace

TEST_CASE("each malformed criteria set gets its exact diagnostics") {
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const auto loaded = cchc::try_parse_criteria(c.yaml);
    CHECK_FALSE(loaded.ok());
    CHECK(messages(loaded) == c.expected);
  }
}

TEST_CASE("a tree deeper than 12 levels is refused at the 13th level") {
  // 12 nested levels load; a 13th is refused at its '{'. Each wrapping level writes
  // "{id: nD, title: N, max: 1, criteria: [" (37 characters + the digits of D) in front.
  auto tree = [](int depth) {
    std::string s = "{id: x, title: X, max: 1}";
    for (int d = depth - 1; d >= 1; --d)
      s = "{id: n" + std::to_string(d) + ", title: N, max: 1, criteria: [" + s + "]}";
    return "schema: cchc/criteria@1\nid: t\ntitle: T\nmax: 1\nfields:\n  - " + s + "\n";
  };
  CHECK(cchc::try_parse_criteria(tree(12)).ok());
  // Column: "  - " (4) + 12 prefixes: 12 x 37 + 9 one-digit + 3 two-digit ids = 459, then the '{'.
  CHECK(messages(cchc::try_parse_criteria(tree(13))) ==
        std::vector<std::string>{"<criteria>:6:464: error: criterion under 'n12': the tree is deeper than 12 levels"});
}

TEST_CASE("text over 4 MiB is refused before parsing") {
  std::string yaml = "# ";
  yaml.append(cchc::max_criteria_bytes, 'x');  // 2 + 4,194,304 bytes
  CHECK(messages(cchc::try_parse_criteria(yaml)) ==
        std::vector<std::string>{"<criteria>: error: the file is too large (4194306 bytes; the limit is 4194304)"});
}

TEST_CASE("files that cannot be read are named with the reason") {
  CHECK(messages(cchc::try_load_criteria("/nonexistent/criteria.yaml")) ==
        std::vector<std::string>{"/nonexistent/criteria.yaml: error: cannot open the file: No such file or directory"});
  CHECK(messages(cchc::try_load_criteria(CCHC_TEST_DATA_DIR)) ==
        std::vector<std::string>{std::string(CCHC_TEST_DATA_DIR) + ": error: is a directory, not a file"});
  CHECK(messages(cchc::try_load_criteria("/dev/null")) ==
        std::vector<std::string>{"/dev/null: error: is not a regular file"});
  // A named pipe with no writer: opening it for reading must not wait for one.
  const std::string fifo = "/tmp/cchc-test-fifo-" + std::to_string(::getpid());
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(messages(cchc::try_load_criteria(fifo)) == std::vector<std::string>{fifo + ": error: is not a regular file"});
  CHECK(messages(cchc::try_load_evaluation(cchc::parse_criteria(R"(schema: cchc/criteria@1
id: t
title: T
max: 1
fields: [{id: "1", title: A, max: 1, rule: {points: {}}}]
)"), fifo, fifo)) == std::vector<std::string>{fifo + ": error: is not a regular file", fifo + ": error: is not a regular file"});
  ::unlink(fifo.c_str());
}

namespace {
// Billion laughs: nine levels of ten aliases each, 10^8 leaves if expanded, all of it in
// `fields` so that the loader has to walk it.
std::string alias_bomb() {
  std::string s = "schema: cchc/criteria@1\nid: t\ntitle: T\nmax: 1\nfields:\n  - &n0 {id: a, title: A, max: 1}\n";
  for (int i = 1; i <= 8; ++i) {
    s += "  - &n" + std::to_string(i) + " {id: a, title: A, max: 10, criteria: [";
    for (int k = 0; k < 10; ++k) s += (k ? ", *n" : "*n") + std::to_string(i - 1);
    s += "]}\n";
  }
  return s;
}
}  // namespace

TEST_CASE("an alias bomb stops at the node budget, quickly") {
  const auto loaded = cchc::try_parse_criteria(alias_bomb());
  CHECK_FALSE(loaded.ok());
  // Capped, not one per expanded node: 500 messages, the budget line and the count of the rest.
  CHECK(loaded.diagnostics().size() <= 502);
}

// The budget message is kept even past the 500-message limit: it explains the rest.
TEST_CASE("an alias bomb is reported as such") {
  const auto loaded = cchc::try_parse_criteria(alias_bomb());
  const auto lines = messages(loaded);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines.front() ==
        "<criteria>: error: the document expands to more than 200000 nodes (an alias bomb, or far too large for a "
        "criteria set)");
}

// 600 unknown keys: 500 shown, then one line counting the other 100.
TEST_CASE("beyond 500 errors the rest are counted") {
  std::string yaml = "schema: cchc/criteria@1\nid: t\ntitle: T\nmax: 600\nfields:\n";
  for (int i = 0; i < 600; ++i) yaml += "  - {id: f" + std::to_string(i) + ", title: F, max: 1, x: 1}\n";
  const auto lines = messages(cchc::try_parse_criteria(yaml));
  REQUIRE(lines.size() == 501);
  // Unlocated lines sort first.
  CHECK(lines.front() == "<criteria>: error: 100 more errors not shown");
}
