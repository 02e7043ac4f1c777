// Reading criteria sets (YAML) and a year's units and evidence (CSV or Excel workbooks) from files or text.
#ifndef CCHC_IO_LOAD_HPP
#define CCHC_IO_LOAD_HPP

#include <string>
#include <string_view>

#include "cchc/export.hpp"
#include "cchc/model/criteria_set.hpp"
#include "cchc/model/diagnostic.hpp"
#include "cchc/model/evaluation.hpp"

namespace cchc {
inline namespace v1 {

/// Limits that keep a hostile or mistaken file from exhausting a server.
inline constexpr std::size_t max_criteria_bytes = 4u << 20;   ///< 4 MiB of YAML
inline constexpr int max_criteria_depth = 64;                 ///< nesting of YAML collections (estimated)
inline constexpr std::size_t max_table_bytes = 512u << 20;    ///< 512 MiB of CSV

/// Every problem of the file at once; never throws for bad input.
CCHC_API Loaded<CriteriaSet> try_load_criteria(const std::string& path);
CCHC_API Loaded<CriteriaSet> try_parse_criteria(std::string_view yaml, const std::string& name = "<criteria>");
/// The same, throwing cchc::Error (with every diagnostic) when the set is invalid.
CCHC_API CriteriaSet load_criteria(const std::string& path);
CCHC_API CriteriaSet parse_criteria(std::string_view yaml, const std::string& name = "<criteria>");

/// Units (`code,name[,group][,ranked]`) and evidence (long `unit,criterion,value[,stage]`
/// or wide `unit,<id>,<id>…`), comma or semicolon separated, validated against `criteria`.
CCHC_API Loaded<Evaluation> try_load_evaluation(const CriteriaSet& criteria, const std::string& units_path,
                                                const std::string& evidence_path,
                                                EvaluationOptions options = {});
/// A units or evidence file, and for an Excel workbook the sheet to read.
struct TableFile {
  std::string path;
  std::string sheet;  ///< a workbook's sheet by name; empty: the first sheet
};
/// The same from files that may be CSV text or Excel workbooks (.xlsx, recognised by their
/// content): a workbook's sheet is read as the CSV form would be, a row per record and a
/// column per field; a number cell is the shortest decimal that reads back as its value, a
/// percent-formatted one a rate ("91.6%"), a formula its computed value. Messages name the
/// sheet and the cell (SourceLocation::sheet).
CCHC_API Loaded<Evaluation> try_load_evaluation(const CriteriaSet& criteria, const TableFile& units, const TableFile& evidence,
                                                EvaluationOptions options = {});
/// Only the units (for `cchc template`): the units file checked as try_load_evaluation
/// checks it, with no evidence.
CCHC_API Loaded<std::vector<Unit>> try_load_units(const CriteriaSet& criteria, const TableFile& units);
/// The same from CSV text (`units_name` is what messages call it).
CCHC_API Loaded<std::vector<Unit>> try_parse_units(const CriteriaSet& criteria, std::string_view units_csv,
                                                   const std::string& units_name = "<units>");
CCHC_API Loaded<Evaluation> try_parse_evaluation(const CriteriaSet& criteria, std::string_view units_csv,
                                                 std::string_view evidence_csv,
                                                 const std::string& units_name = "<units>",
                                                 const std::string& evidence_name = "<evidence>",
                                                 EvaluationOptions options = {});
CCHC_API Evaluation load_evaluation(const CriteriaSet& criteria, const std::string& units_path,
                                    const std::string& evidence_path, EvaluationOptions options = {});

}  // namespace v1
}  // namespace cchc

#endif
