/* cchc: the C API, for programs that cannot use C++ (PHP's FFI, Node's N-API or koffi,
 * .NET's P/Invoke, Python's ctypes). C11; the same library and package as the C++ API
 * (pkg-config `cchc`, CMake `cchc::cchc`). docs/embedding.md shows it from each language.
 *
 * Two ways in:
 *  - cchc_request_json() runs any command from a JSON request and answers with exactly the
 *    JSON `cchc <command> --format json` prints;
 *  - handles, for a portal that loads a criteria set once and scores many times.
 *
 * Errors. Nothing throws across this boundary: every C++ exception (std::bad_alloc too) is
 * caught inside and becomes a status. Every function that can fail returns an int status:
 * CCHC_OK (0), or one of the others below, and then gives the diagnostics (every problem
 * at once: file, line, column, code, message, unit, criterion) through its last argument.
 *
 * Ownership. Every `char*` cchc returns is the caller's: free it with cchc_string_free().
 * Every handle the caller gets is the caller's: free it with its _free function (NULL is
 * accepted and ignored). A `const char*` read from a handle belongs to the handle and lives
 * as long as it. A handle keeps what it was made from alive: a criteria set may be freed
 * while evaluations made from it are still in use, and so on; free in any order.
 *
 * Threads. Handles never change once made: any number of threads may read the same handle
 * at once and use it to make new handles. cchc_request_json() may be called from any number
 * of threads at once. Only freeing a handle must not race with other uses of that handle.
 *
 * Text is UTF-8 (NFC; cchc normalises what it reads). Numbers are exact decimal strings
 * ("88.45") written with the set's decimal places; parse them with a decimal type.
 */
#ifndef CCHC_CCHC_H
#define CCHC_CCHC_H

#include <stddef.h>

#include "cchc/export.hpp"

#ifdef __cplusplus
extern "C" {
#endif

/* Statuses. 0, 1 and 2 are the command line's exit statuses. */
#define CCHC_OK 0             /* success */
#define CCHC_INVALID_INPUT 1  /* the inputs were refused (bad criteria, units or evidence); nothing made */
#define CCHC_USAGE 2          /* the call itself is wrong: NULL argument, bad request, unknown unit or option */
#define CCHC_NO_MEMORY 3      /* out of memory: the diagnostics may be missing */

/* The library's version, "1.2.3". Static storage; never NULL. */
CCHC_API const char* cchc_version(void);

/* Frees a string returned by cchc. NULL is ignored. */
CCHC_API void cchc_string_free(char* text);

/* ---- One call: a command as JSON ------------------------------------------------------
 * request: {"command": "validate" | "rank" | "explain" | "gaps" | "deviations" | "plan" |
 *                      "robustness" | "report" | "template",
 *           "criteria": {"path": "set.yaml"} | {"text": "schema: …", "name": "set.yaml"},
 *           "units": …, "evidence": …   (same two forms; not for validate; template reads
 *                                        units only),
 *           "options": {"unit": "STP", "missing_as_zero": true, "format": "csv",
 *                       "units_sheet": "Đơn vị", …}}
 * Options go by the command line's long names ('_' or '-'). On success (0), *response is
 * what `cchc <command> --format json` prints (another "format" gives that format; a command
 * that writes no JSON, report and template, gives its first format, html and xlsx). A
 * workbook ("format": "xlsx") is bytes, not a C string: cchc_request_json refuses it (status
 * 2, code "binary-format"); ask cchc_request instead. On
 * failure, *response is {"status": N, "diagnostics": [{"severity", "code", "file", "line",
 * "column", "key", "unit", "criterion", "stage", "message"}, …]} and N is returned. A
 * malformed request is a failure like any other (status 2). *response is NULL only when
 * `response` or `request` is NULL (status 2), or when even the answer did not fit in memory
 * (status 3). Free *response with cchc_string_free(). */
CCHC_API int cchc_request_json(const char* request, char** response);

/* The same for any format, workbooks included: *response holds exactly *length bytes (an
 * .xlsx file's bytes for "format": "xlsx"), followed by a NUL that *length does not count.
 * On failure, *response is the same diagnostics JSON as above and *length its length.
 * *length is 0 when *response is NULL. Free *response with cchc_string_free(). */
CCHC_API int cchc_request(const char* request, char** response, size_t* length);

/* ---- Diagnostics ----------------------------------------------------------------------
 * What a failed (or successful, with warnings) load found. Index i < cchc_diagnostics_count.
 * Texts are "" when unknown; line and column are 1-based, 0 when unknown. */
typedef struct cchc_diagnostics cchc_diagnostics;  /* NOLINT(modernize-use-using): a C header */
CCHC_API size_t cchc_diagnostics_count(const cchc_diagnostics* diagnostics);
/* 1 for an error, 0 for a warning. */
CCHC_API int cchc_diagnostic_is_error(const cchc_diagnostics* diagnostics, size_t i);
/* A stable short id of the problem ("unknown-unit"): docs/diagnostics.md. */
CCHC_API const char* cchc_diagnostic_code(const cchc_diagnostics* diagnostics, size_t i);
CCHC_API const char* cchc_diagnostic_file(const cchc_diagnostics* diagnostics, size_t i);
CCHC_API unsigned long cchc_diagnostic_line(const cchc_diagnostics* diagnostics, size_t i);
CCHC_API unsigned long cchc_diagnostic_column(const cchc_diagnostics* diagnostics, size_t i);
CCHC_API const char* cchc_diagnostic_key(const cchc_diagnostics* diagnostics, size_t i);
CCHC_API const char* cchc_diagnostic_unit(const cchc_diagnostics* diagnostics, size_t i);
CCHC_API const char* cchc_diagnostic_criterion(const cchc_diagnostics* diagnostics, size_t i);
CCHC_API const char* cchc_diagnostic_message(const cchc_diagnostics* diagnostics, size_t i);
/* "FILE:LINE:COL: error: message", as the command prints it. */
CCHC_API const char* cchc_diagnostic_text(const cchc_diagnostics* diagnostics, size_t i);
/* All of them as a JSON list of objects (the keys of cchc_request_json's diagnostics). */
CCHC_API char* cchc_diagnostics_json(const cchc_diagnostics* diagnostics);
CCHC_API void cchc_diagnostics_free(cchc_diagnostics* diagnostics);

/* In every function below, `diagnostics` may be NULL (not wanted). Otherwise *diagnostics
 * is set to a new handle (free it) holding the errors on failure, or the warnings on
 * success (possibly none); it is NULL only when out of memory. */

/* ---- A criteria set (YAML, schema cchc/criteria@1) ---------------------------------- */
typedef struct cchc_criteria cchc_criteria;  /* NOLINT(modernize-use-using): a C header */
CCHC_API int cchc_criteria_load(const char* path, cchc_criteria** criteria, cchc_diagnostics** diagnostics);
/* From text in memory (`length` bytes; need not end in NUL); `name` names it in messages
 * (NULL: "<criteria>"). */
CCHC_API int cchc_criteria_parse(const char* text, size_t length, const char* name, cchc_criteria** criteria,
                                 cchc_diagnostics** diagnostics);
CCHC_API const char* cchc_criteria_id(const cchc_criteria* criteria);
CCHC_API const char* cchc_criteria_title(const cchc_criteria* criteria);
CCHC_API void cchc_criteria_free(cchc_criteria* criteria);

/* ---- A year's units and evidence (CSV), checked against a set -------------------------
 * missing_as_zero: non-zero scores an applicable leaf without evidence as 0 (the command's
 * --missing-as-zero), else such a unit is refused. */
typedef struct cchc_evaluation cchc_evaluation;  /* NOLINT(modernize-use-using): a C header */
CCHC_API int cchc_evaluation_load(const cchc_criteria* criteria, const char* units_path, const char* evidence_path,
                                  int missing_as_zero, cchc_evaluation** evaluation, cchc_diagnostics** diagnostics);
/* From texts in memory; the names (NULL: "<units>", "<evidence>") name them in messages. */
CCHC_API int cchc_evaluation_parse(const cchc_criteria* criteria, const char* units_text, size_t units_length,
                                   const char* units_name, const char* evidence_text, size_t evidence_length,
                                   const char* evidence_name, int missing_as_zero, cchc_evaluation** evaluation,
                                   cchc_diagnostics** diagnostics);
CCHC_API size_t cchc_evaluation_unit_count(const cchc_evaluation* evaluation);
CCHC_API void cchc_evaluation_free(cchc_evaluation* evaluation);

/* ---- Scores and ranks ------------------------------------------------------------------
 * Every unit scored and ranked per group. The units are in the JSON ranking's order:
 * group by group, in rank order, unranked units last. Warnings of the set, the tables and
 * the scoring come back in *diagnostics and are listed in the JSON reports. */
typedef struct cchc_ranking cchc_ranking;  /* NOLINT(modernize-use-using): a C header */
CCHC_API int cchc_rank(const cchc_evaluation* evaluation, cchc_ranking** ranking, cchc_diagnostics** diagnostics);
CCHC_API size_t cchc_ranking_count(const cchc_ranking* ranking);
/* The position of the unit with this code, or (size_t)-1. */
CCHC_API size_t cchc_ranking_find(const cchc_ranking* ranking, const char* code);
/* Unit at `position` (< cchc_ranking_count; NULL or 0 beyond). */
CCHC_API const char* cchc_ranking_code(const cchc_ranking* ranking, size_t position);
CCHC_API const char* cchc_ranking_name(const cchc_ranking* ranking, size_t position);
/* The rank group's key; "" for the default group. */
CCHC_API const char* cchc_ranking_group(const cchc_ranking* ranking, size_t position);
/* Exact decimals with the set's places: "88.45". */
CCHC_API const char* cchc_ranking_total(const cchc_ranking* ranking, size_t position);
CCHC_API const char* cchc_ranking_max(const cchc_ranking* ranking, size_t position);
CCHC_API const char* cchc_ranking_index(const cchc_ranking* ranking, size_t position);
/* 1-based competition rank within the group (shared only by equal values); 0: not ranked. */
CCHC_API int cchc_ranking_rank(const cchc_ranking* ranking, size_t position);
/* The band's label; "" when no band admits the index. */
CCHC_API const char* cchc_ranking_band(const cchc_ranking* ranking, size_t position);
/* The whole ranking as `cchc rank --format json` prints it. */
CCHC_API int cchc_ranking_json(const cchc_ranking* ranking, char** json, cchc_diagnostics** diagnostics);
/* One unit's scorecard as `cchc explain --unit CODE --format json` prints it. An unknown
 * code is CCHC_USAGE, with the nearest code suggested in the diagnostic. */
CCHC_API int cchc_explain_json(const cchc_ranking* ranking, const char* code, char** json,
                               cchc_diagnostics** diagnostics);
CCHC_API void cchc_ranking_free(cchc_ranking* ranking);

#ifdef __cplusplus
}
#endif

#endif
