/* What a portal written in C (or bound through FFI) does with an installed cchc: one
 * request as JSON, then the same year through handles. Exits non-zero on any mismatch. */
#include <cchc/cchc.h>

#include <stdio.h>
#include <string.h>

static const char set[] =
    "schema: cchc/criteria@1\nid: consumer\ntitle: \"Kiểm tra cài đặt\"\nmax: 10\nfields:\n"
    "  - {id: \"1\", title: \"Điểm thẩm định\", max: 6, rule: {points: {step: 0.5}}}\n"
    "  - {id: \"2\", title: \"Tỷ lệ hồ sơ đúng hạn\", max: 4, rule: {proportional: {target: 1}}}\n";
static const char units[] = "code,name\nA,Sở Tư pháp\nB,Sở Y tế\n";
static const char evidence[] = "unit,criterion,value\nA,1,5.5\nA,2,90%\nB,1,6\nB,2,0.5\n";

int main(void) {
  int ok = strncmp(cchc_version(), "1.", 2) == 0;
  /* By hand: A = 5.5 + 4 × 0.9 = 9.1 (index 91.00), B = 6 + 4 × 0.5 = 8; A ranks first. */
  char* response = NULL;
  const int status = cchc_request_json(
      "{\"command\": \"rank\", \"criteria\": {\"text\": \"schema: cchc/criteria@1\\nid: c\\ntitle: T\\nmax: 10\\n"
      "fields:\\n  - {id: '1', title: A, max: 6, rule: {points: {step: 0.5}}}\\n"
      "  - {id: '2', title: B, max: 4, rule: {proportional: {target: 1}}}\\n\"},"
      " \"units\": {\"text\": \"code,name\\nA,Sở Tư pháp\\nB,Sở Y tế\\n\"},"
      " \"evidence\": {\"text\": \"unit,criterion,value\\nA,1,5.5\\nA,2,90%\\nB,1,6\\nB,2,0.5\\n\"}}",
      &response);
  ok = ok && status == 0 && response != NULL &&
       strstr(response, "\"code\": \"A\", \"name\": \"Sở Tư pháp\", \"group\": null, \"total\": 9.10, \"max\": 10.00, "
                        "\"index\": 91.00, \"rank\": 1,") != NULL;
  cchc_string_free(response);

  cchc_criteria* criteria = NULL;
  cchc_evaluation* year = NULL;
  cchc_ranking* ranking = NULL;
  ok = ok && cchc_criteria_parse(set, strlen(set), "set.yaml", &criteria, NULL) == CCHC_OK;
  ok = ok && cchc_evaluation_parse(criteria, units, strlen(units), NULL, evidence, strlen(evidence), NULL, 0, &year,
                                   NULL) == CCHC_OK;
  ok = ok && cchc_rank(year, &ranking, NULL) == CCHC_OK;
  ok = ok && cchc_ranking_count(ranking) == 2 && strcmp(cchc_ranking_code(ranking, 0), "A") == 0 &&
       strcmp(cchc_ranking_total(ranking, 0), "9.10") == 0 && strcmp(cchc_ranking_total(ranking, 1), "8.00") == 0 &&
       cchc_ranking_rank(ranking, 1) == 2;
  printf("cchc %s from C: A %s, B %s\n", cchc_version(), ranking ? cchc_ranking_total(ranking, 0) : "?",
         ranking ? cchc_ranking_total(ranking, 1) : "?");
  cchc_ranking_free(ranking);
  cchc_evaluation_free(year);
  cchc_criteria_free(criteria);
  return ok ? 0 : 1;
}
