/* The C API, from C11 (built with -Wall -Wextra -Werror; run under ASan/UBSan in CI).
 * Usage: capi_test HAND_WORKED_DIR VINHPHUC_DIR CLI_VINHPHUC_JSON CLI_HAND_WORKED_JSON
 * The two JSON files are `cchc rank --format json` on the same paths, written by ctest
 * just before (fixture capi_cli_output): the API must answer byte for byte the same.
 * Expected numbers are the hand-worked ones (tests/unit/hand_worked_test.cpp) and the
 * published Vĩnh Phúc 2019 table (examples/published/vinhphuc-2019/expected.csv). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cchc/cchc.h"

static int failures = 0;

#define CHECK(condition)                                                         \
  do {                                                                           \
    if (!(condition)) {                                                          \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                                \
    }                                                                            \
  } while (0)

static int same(const char* a, const char* b) { return a != NULL && b != NULL && strcmp(a, b) == 0; }
static int has(const char* text, const char* part) { return text != NULL && strstr(text, part) != NULL; }

#define CHECK_TEXT(actual, wanted)                                                             \
  do {                                                                                         \
    const char* a_ = (actual);                                                                 \
    if (!same(a_, (wanted))) {                                                                 \
      fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #actual, \
              a_ ? a_ : "(null)", (wanted));                                                   \
      ++failures;                                                                              \
    }                                                                                          \
  } while (0)

/* A whole file, NUL-terminated; *length its size. Exits on failure (the test's own setup). */
static char* read_file(const char* path, size_t* length) {
  FILE* f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  size_t size = 0, room = 4096;
  char* text = malloc(room);
  size_t got;
  while (text != NULL && (got = fread(text + size, 1, room - size - 1, f)) > 0) {
    size += got;
    if (room - size - 1 == 0) {
      char* bigger = realloc(text, room * 2);
      if (bigger == NULL) free(text);
      text = bigger;
      room *= 2;
    }
  }
  fclose(f);
  if (text == NULL) exit(2);
  text[size] = '\0';
  if (length != NULL) *length = size;
  return text;
}

/* Appends `text` to the growing buffer *out as a JSON string (quotes, backslash, controls escaped). */
static void append(char** out, size_t* size, size_t* room, const char* text, int as_json_string) {
  size_t need = strlen(text) * 6 + 3;
  if (*size + need + 1 > *room) {
    while (*size + need + 1 > *room) *room *= 2;
    char* bigger = realloc(*out, *room);
    if (bigger == NULL) exit(2);
    *out = bigger;
  }
  char* at = *out + *size;
  if (!as_json_string) {
    at += sprintf(at, "%s", text);
  } else {
    *at++ = '"';
    for (const unsigned char* c = (const unsigned char*)text; *c; ++c) {
      if (*c == '"' || *c == '\\') {
        *at++ = '\\';
        *at++ = (char)*c;
      } else if (*c < 0x20) {
        at += sprintf(at, "\\u%04x", *c);
      } else {
        *at++ = (char)*c;
      }
    }
    *at++ = '"';
  }
  *at = '\0';
  *size = (size_t)(at - *out);
}

/* {"command": …, "criteria": {KIND: …}, "units": …, "evidence": …, "options": OPTIONS}, each
 * input given by path, or as its file's text named by the path (so messages are the same). */
static char* request_for(const char* command, const char* dir, int inline_texts, const char* options) {
  size_t size = 0, room = 1024;
  char* out = malloc(room);
  if (out == NULL) exit(2);
  out[0] = '\0';
  append(&out, &size, &room, "{\"command\": ", 0);
  append(&out, &size, &room, command, 1);
  const char* keys[] = {"criteria", "units", "evidence"};
  const char* files[] = {"criteria.yaml", "units.csv", "evidence.csv"};
  for (int i = 0; i < 3; ++i) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    append(&out, &size, &room, ", \"", 0);
    append(&out, &size, &room, keys[i], 0);
    if (inline_texts) {
      char* text = read_file(path, NULL);
      append(&out, &size, &room, "\": {\"text\": ", 0);
      append(&out, &size, &room, text, 1);
      append(&out, &size, &room, ", \"name\": ", 0);
      free(text);
    } else {
      append(&out, &size, &room, "\": {\"path\": ", 0);
    }
    append(&out, &size, &room, path, 1);
    append(&out, &size, &room, "}", 0);
  }
  append(&out, &size, &room, ", \"options\": ", 0);
  append(&out, &size, &room, options, 0);
  append(&out, &size, &room, "}", 0);
  return out;
}

/* cchc_request_json(request) must answer `status` with a response holding each of `parts`. */
static void expect_answer(const char* request, int status, const char* part1, const char* part2) {
  char* response = (char*)"not touched";
  const int got = cchc_request_json(request, &response);
  if (got != status || response == NULL || !has(response, part1) || (part2 && !has(response, part2))) {
    fprintf(stderr, "request %s: status %d, expected %d; response:\n%s\n", request, got, status,
            response ? response : "(null)");
    ++failures;
  }
  cchc_string_free(response);
}

static void ranking_by_request(const char* dir, const char* cli_json_path) {
  char* cli = read_file(cli_json_path, NULL);
  for (int inline_texts = 0; inline_texts < 2; ++inline_texts) {
    char* request = request_for("rank", dir, inline_texts, "{}");
    char* response = NULL;
    CHECK(cchc_request_json(request, &response) == CCHC_OK);
    if (!same(response, cli)) {
      fprintf(stderr, "%s (%s): the response differs from `cchc rank --format json`:\n%s\n", dir,
              inline_texts ? "texts" : "paths", response ? response : "(null)");
      ++failures;
    }
    cchc_string_free(response);
    free(request);
  }
  free(cli);
}

/* Vĩnh Phúc 2019 through the request, checked against the published table. */
static void published_vinhphuc(const char* dir) {
  char* request = request_for("rank", dir, 0, "{\"format\": \"json\"}");
  char* response = NULL;
  CHECK(cchc_request_json(request, &response) == CCHC_OK);
  /* expected.csv: so,1,so-tai-chinh,Sở Tài chính,92.93,92.93 and cqtw,5,cuc-thue-tinh,…,78.44 */
  CHECK(has(response, "{\"code\": \"so-tai-chinh\", \"name\": \"Sở Tài chính\", \"group\": \"so\", \"total\": 92.93, "
                      "\"max\": 100.00, \"index\": 92.93, \"rank\": 1,"));
  CHECK(has(response, "{\"code\": \"cuc-thue-tinh\", \"name\": \"Cục Thuế tỉnh\", \"group\": \"cqtw\", \"total\": 78.44, "
                      "\"max\": 100.00, \"index\": 78.44, \"rank\": 5,"));
  cchc_string_free(response);
  free(request);
}

static void malformed_requests(void) {
  expect_answer("", CCHC_USAGE, "\"status\": 2", "\"code\": \"request-syntax\"");
  expect_answer("{", CCHC_USAGE, "\"code\": \"request-syntax\"", "\"file\": \"<request>\", \"line\": 1");
  /* The bad token is the 'x' on line 2, character 3. */
  expect_answer("{\"command\":\n  x}", CCHC_USAGE, "\"line\": 2, \"column\": 3", NULL);
  expect_answer("[]", CCHC_USAGE, "must be a JSON object, found a list", NULL);
  expect_answer("{\"command\": 5}", CCHC_USAGE, "command: expected a text", NULL);
  /* A number past a double's range (the request fuzzer's find): refused, not thrown. */
  expect_answer("{\"command\": \"rank\", \"options\": {\"runs\": 1e400}}", CCHC_USAGE, "\"code\": \"request-syntax\"",
                "a number too large to read");
  expect_answer("{\"command\": \"rnak\", \"criteria\": {\"path\": \"x\"}}", CCHC_USAGE, "\"code\": \"unknown-command\"",
                "expected one of validate, rank, explain, gaps, deviations");
  expect_answer("{\"command\": \"rank\", \"criteria\": {\"path\": \"a\", \"text\": \"b\"}}", CCHC_USAGE,
                "give either \\\"path\\\" or \\\"text\\\", not both", NULL);
  expect_answer("{\"command\": \"rank\", \"criteria\": {\"path\": \"a\"}}", CCHC_USAGE, "the request names no units",
                "the request names no evidence");
  expect_answer("{\"command\": \"validate\", \"criteria\": {\"path\": \"a\"}, \"options\": {\"colour\": 1}}", CCHC_USAGE,
                "\"code\": \"unknown-option\"", NULL);
  expect_answer("{\"command\": \"validate\", \"criteria\": {\"path\": \"a\"}, \"options\": {\"format\": true}}",
                CCHC_USAGE, "\"code\": \"bad-option-value\"", NULL);
  expect_answer("{\"command\": \"validate\", \"criteria\": {\"path\": \"a\"}, \"extra\": 1}", CCHC_USAGE,
                "unknown key 'extra'", NULL);
  /* Invalid UTF-8 inside a string, and a NUL inside a path. */
  expect_answer("{\"command\": \"r\xff\"}", CCHC_USAGE, "\"code\": \"request-syntax\"", NULL);
  expect_answer("{\"command\": \"validate\", \"criteria\": {\"path\": \"a\\u0000b\"}}", CCHC_USAGE,
                "criteria.path: expected a file path", NULL);
  /* Deep nesting: nlohmann's parser is iterative for the syntax; must not overflow the stack. */
  {
    enum { depth = 100000 };
    char* deep = malloc(2 * depth + 1);
    if (deep == NULL) exit(2);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    deep[2 * depth] = '\0';
    expect_answer(deep, CCHC_USAGE, "must be a JSON object", NULL);
    free(deep);
  }
  /* NULL arguments: a status, no crash. */
  char* response = (char*)"untouched";
  CHECK(cchc_request_json(NULL, &response) == CCHC_USAGE && response == NULL);
  CHECK(cchc_request_json("{}", NULL) == CCHC_USAGE);
  cchc_string_free(NULL);
}

static const char bad_set[] =
    "schema: cchc/criteria@1\n"
    "id: x\n"
    "title: \"T\"\n"
    "max: 10\n"
    "maxx: 3\n"
    "fields:\n"
    "  - {id: \"1\", title: \"A\", max: 10, rule: {points: {}}}\n";

static void bad_criteria_text(void) {
  cchc_criteria* set = (cchc_criteria*)&failures; /* must be reset to NULL */
  cchc_diagnostics* d = NULL;
  CHECK(cchc_criteria_parse(bad_set, sizeof bad_set - 1, "cổng/bộ-tiêu-chí.yaml", &set, &d) == CCHC_INVALID_INPUT);
  CHECK(set == NULL);
  CHECK(cchc_diagnostics_count(d) == 1);
  /* 'maxx' is the fifth line's first character. */
  CHECK(cchc_diagnostic_is_error(d, 0) == 1);
  CHECK_TEXT(cchc_diagnostic_code(d, 0), "unknown-key");
  CHECK_TEXT(cchc_diagnostic_file(d, 0), "cổng/bộ-tiêu-chí.yaml");
  CHECK(cchc_diagnostic_line(d, 0) == 5);
  CHECK(cchc_diagnostic_column(d, 0) == 1);
  CHECK(has(cchc_diagnostic_message(d, 0), "unknown key 'maxx'"));
  CHECK(has(cchc_diagnostic_text(d, 0), "cổng/bộ-tiêu-chí.yaml:5:1: error: "));
  char* json = cchc_diagnostics_json(d);
  CHECK(has(json, "\"code\": \"unknown-key\", \"file\": \"cổng/bộ-tiêu-chí.yaml\", \"line\": 5, \"column\": 1"));
  cchc_string_free(json);
  CHECK(cchc_diagnostic_code(d, 1) == NULL); /* out of range: NULL, not a crash */
  cchc_diagnostics_free(d);

  /* The same set through a request: status 1 and the same diagnostic. */
  size_t size = 0, room = 256;
  char* request = malloc(room);
  if (request == NULL) exit(2);
  request[0] = '\0';
  append(&request, &size, &room, "{\"command\": \"validate\", \"criteria\": {\"name\": \"set.yaml\", \"text\": ", 0);
  append(&request, &size, &room, bad_set, 1);
  append(&request, &size, &room, "}}", 0);
  expect_answer(request, CCHC_INVALID_INPUT, "{\"status\": 1,",
                "\"code\": \"unknown-key\", \"file\": \"set.yaml\", \"line\": 5, \"column\": 1");
  free(request);
}

/* The consumer's set (scripts/ci/consumer): A = 5.5 + 4 × 0.9 = 9.1, B = 6 + 4 × 0.5 = 8. */
static const char small_set[] =
    "schema: cchc/criteria@1\n"
    "id: consumer\n"
    "title: \"Kiểm tra cài đặt\"\n"
    "max: 10\n"
    "fields:\n"
    "  - {id: \"1\", title: \"Điểm thẩm định\", max: 6, rule: {points: {step: 0.5}}}\n"
    "  - {id: \"2\", title: \"Tỷ lệ hồ sơ đúng hạn\", max: 4, rule: {proportional: {target: 1}}}\n";
static const char small_units[] = "code,name\nA,Sở Tư pháp\nB,Sở Y tế\n";
static const char small_evidence[] = "unit,criterion,value\nA,1,5.5\nA,2,90%\nB,1,6\nB,2,0.5\n";

static void handles_and_lifetimes(void) {
  cchc_criteria* set = NULL;
  cchc_diagnostics* d = NULL;
  CHECK(cchc_criteria_parse(small_set, sizeof small_set - 1, NULL, &set, &d) == CCHC_OK);
  CHECK(cchc_diagnostics_count(d) == 0);
  cchc_diagnostics_free(d);
  CHECK_TEXT(cchc_criteria_id(set), "consumer");
  CHECK_TEXT(cchc_criteria_title(set), "Kiểm tra cài đặt");

  cchc_evaluation* year = NULL;
  CHECK(cchc_evaluation_parse(set, small_units, strlen(small_units), "units.csv", small_evidence, strlen(small_evidence),
                              "evidence.csv", 0, &year, NULL) == CCHC_OK);
  cchc_criteria_free(set); /* the evaluation keeps the set alive */
  CHECK(cchc_evaluation_unit_count(year) == 2);

  cchc_ranking* ranking = NULL;
  CHECK(cchc_rank(year, &ranking, NULL) == CCHC_OK);
  cchc_evaluation_free(year); /* the ranking keeps the year alive */
  CHECK(cchc_ranking_count(ranking) == 2);
  /* Two decimal places by default: 9.1 / 10 × 100 = 91.00, 8 / 10 × 100 = 80.00. */
  CHECK_TEXT(cchc_ranking_code(ranking, 0), "A");
  CHECK_TEXT(cchc_ranking_name(ranking, 0), "Sở Tư pháp");
  CHECK_TEXT(cchc_ranking_group(ranking, 0), "");
  CHECK_TEXT(cchc_ranking_total(ranking, 0), "9.10");
  CHECK_TEXT(cchc_ranking_max(ranking, 0), "10.00");
  CHECK_TEXT(cchc_ranking_index(ranking, 0), "91.00");
  CHECK(cchc_ranking_rank(ranking, 0) == 1);
  CHECK_TEXT(cchc_ranking_band(ranking, 0), "");
  CHECK_TEXT(cchc_ranking_code(ranking, 1), "B");
  CHECK_TEXT(cchc_ranking_total(ranking, 1), "8.00");
  CHECK_TEXT(cchc_ranking_index(ranking, 1), "80.00");
  CHECK(cchc_ranking_rank(ranking, 1) == 2);
  CHECK(cchc_ranking_find(ranking, "B") == 1);
  CHECK(cchc_ranking_find(ranking, "Z") == (size_t)-1);
  CHECK(cchc_ranking_code(ranking, 2) == NULL && cchc_ranking_rank(ranking, 2) == 0);

  /* explain through the handle = explain through a request on the same texts. */
  char* explained = NULL;
  CHECK(cchc_explain_json(ranking, "A", &explained, NULL) == CCHC_OK);
  CHECK(has(explained, "\"code\": \"A\""));
  size_t size = 0, room = 256;
  char* request = malloc(room);
  if (request == NULL) exit(2);
  request[0] = '\0';
  append(&request, &size, &room, "{\"command\": \"explain\", \"criteria\": {\"text\": ", 0);
  append(&request, &size, &room, small_set, 1);
  append(&request, &size, &room, "}, \"units\": {\"name\": \"units.csv\", \"text\": ", 0);
  append(&request, &size, &room, small_units, 1);
  append(&request, &size, &room, "}, \"evidence\": {\"name\": \"evidence.csv\", \"text\": ", 0);
  append(&request, &size, &room, small_evidence, 1);
  append(&request, &size, &room, "}, \"options\": {\"unit\": \"A\"}}", 0);
  char* response = NULL;
  CHECK(cchc_request_json(request, &response) == CCHC_OK);
  CHECK(same(explained, response));
  cchc_string_free(response);
  cchc_string_free(explained);
  free(request);

  /* An unknown unit: a usage error naming the nearest code. */
  explained = (char*)"untouched";
  CHECK(cchc_explain_json(ranking, "a", &explained, &d) == CCHC_USAGE);
  CHECK(explained == NULL);
  CHECK(cchc_diagnostics_count(d) == 1);
  CHECK(has(cchc_diagnostic_message(d, 0), "--unit 'a': no unit with this code in 'units.csv'; did you mean 'A'?"));
  cchc_diagnostics_free(d);

  char* whole = NULL;
  CHECK(cchc_ranking_json(ranking, &whole, NULL) == CCHC_OK);
  CHECK(has(whole, "{\"code\": \"A\", \"name\": \"Sở Tư pháp\", \"group\": null, \"total\": 9.10, \"max\": 10.00, \"index\": 91.00, \"rank\": 1,"));
  cchc_string_free(whole);
  cchc_ranking_free(ranking);

  /* NULL handles and arguments: statuses, no crash. */
  CHECK(cchc_rank(NULL, &ranking, &d) == CCHC_USAGE && ranking == NULL);
  CHECK(has(cchc_diagnostic_message(d, 0), "cchc_rank: evaluation is NULL"));
  cchc_diagnostics_free(d);
  CHECK(cchc_criteria_load(NULL, &set, NULL) == CCHC_USAGE && set == NULL);
  CHECK(cchc_ranking_count(NULL) == 0);
  cchc_criteria_free(NULL);
  cchc_evaluation_free(NULL);
  cchc_ranking_free(NULL);
  cchc_diagnostics_free(NULL);
}

/* The hand-worked set by paths, with its hand-worked values (tests/cli/check_hand_worked_json.py). */
static void hand_worked_by_paths(const char* dir) {
  char criteria_path[4096], units_path[4096], evidence_path[4096];
  snprintf(criteria_path, sizeof criteria_path, "%s/criteria.yaml", dir);
  snprintf(units_path, sizeof units_path, "%s/units.csv", dir);
  snprintf(evidence_path, sizeof evidence_path, "%s/evidence.csv", dir);
  cchc_criteria* set = NULL;
  cchc_evaluation* year = NULL;
  cchc_ranking* ranking = NULL;
  CHECK(cchc_criteria_load(criteria_path, &set, NULL) == CCHC_OK);
  CHECK(cchc_evaluation_load(set, units_path, evidence_path, 0, &year, NULL) == CCHC_OK);
  CHECK(cchc_rank(year, &ranking, NULL) == CCHC_OK);
  static const struct {
    const char *code, *name, *group, *total, *max, *index;
    int rank;
    const char* band;
  } wanted[] = {
      {"S1", "Sở Tư pháp", "so", "90.00", "100.00", "90.00", 1, "Xuất sắc"},
      {"S2", "Sở Nội vụ", "so", "76.80", "96.00", "80.00", 2, "Khá"},
      {"S3", "Sở Tài chính", "so", "80.00", "100.00", "80.00", 2, "Khá"},
      {"S4", "Văn phòng UBND tỉnh", "so", "95.00", "100.00", "95.00", 0, "Xuất sắc"},
      {"H3", "UBND thành phố Vĩnh Yên", "huyen", "88.54", "100.00", "88.54", 1, "Nhóm I"},
      {"H1", "UBND huyện Tam Đảo", "huyen", "79.22", "96.00", "82.52", 2, "Nhóm II"},
      {"H2", "UBND huyện Lập Thạch", "huyen", "70.00", "100.00", "70.00", 3, "Nhóm III"},
  };
  CHECK(cchc_ranking_count(ranking) == sizeof wanted / sizeof wanted[0]);
  for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; ++i) {
    CHECK_TEXT(cchc_ranking_code(ranking, i), wanted[i].code);
    CHECK_TEXT(cchc_ranking_name(ranking, i), wanted[i].name);
    CHECK_TEXT(cchc_ranking_group(ranking, i), wanted[i].group);
    CHECK_TEXT(cchc_ranking_total(ranking, i), wanted[i].total);
    CHECK_TEXT(cchc_ranking_max(ranking, i), wanted[i].max);
    CHECK_TEXT(cchc_ranking_index(ranking, i), wanted[i].index);
    CHECK(cchc_ranking_rank(ranking, i) == wanted[i].rank);
    CHECK_TEXT(cchc_ranking_band(ranking, i), wanted[i].band);
  }
  cchc_ranking_free(ranking);
  cchc_evaluation_free(year);
  cchc_criteria_free(set);
}

/* A workbook is bytes: cchc_request gives them with their length; cchc_request_json refuses. */
static void workbooks(const char* dir) {
  char* request = request_for("rank", dir, 0, "{\"format\": \"xlsx\"}");
  char* response = NULL;
  size_t length = 7;
  CHECK(cchc_request(request, &response, &length) == CCHC_OK);
  /* An .xlsx file is a zip: "PK\3\4", and its headers hold NUL bytes (so strlen falls short). */
  CHECK(response != NULL && length > 100 && memcmp(response, "PK\3\4", 4) == 0 && strlen(response) < length);
  cchc_string_free(response);
  expect_answer(request, CCHC_USAGE, "\"code\": \"binary-format\"", "ask cchc_request()");
  free(request);
  /* Text formats come the same through both, with their length. */
  request = request_for("rank", dir, 1, "{\"format\": \"csv\"}");
  CHECK(cchc_request(request, &response, &length) == CCHC_OK);
  CHECK(response != NULL && strlen(response) == length && has(response, "S1"));
  cchc_string_free(response);
  free(request);
  response = (char*)"not touched";
  CHECK(cchc_request("{}", &response, NULL) == CCHC_USAGE);
  CHECK(cchc_request(NULL, &response, &length) == CCHC_USAGE && response == NULL && length == 0);
}

int main(int argc, char** argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s HAND_WORKED_DIR VINHPHUC_DIR CLI_VINHPHUC_JSON CLI_HAND_WORKED_JSON\n", argv[0]);
    return 2;
  }
  CHECK(strncmp(cchc_version(), "1.", 2) == 0);
  ranking_by_request(argv[2], argv[3]);
  ranking_by_request(argv[1], argv[4]);
  published_vinhphuc(argv[2]);
  malformed_requests();
  bad_criteria_text();
  handles_and_lifetimes();
  hand_worked_by_paths(argv[1]);
  workbooks(argv[1]);
  if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
  else printf("capi_test: all checks passed\n");
  return failures ? 1 : 0;
}
