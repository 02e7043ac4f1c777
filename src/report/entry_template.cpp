// The entry workbook of a year (cchc template): what the clerks fill in, read back as
// wide-form evidence. Above the header row ("unit", the unit name, the leaf ids) sit the
// leaves' fields, titles, maxima and rules; the workbook reader reads past them.
#include <cstring>
#include <ostream>

#include <xlsxwriter.h>

#include "cchc/report/report.hpp"
#include "cchc/scoring/explain.hpp"
#include "i18n/format.hpp"
#include "report/xlsx_book.hpp"

namespace cchc {
inline namespace v1 {
namespace {

using detail::tr;
using detail::trf;
using fmt::literals::operator""_a;  // NOLINT(misc-unused-using-decls): clang-tidy 14 misses uses in "name"_a

// Rows (0-based) of the entry sheet.
constexpr std::uint32_t row_field = 1, row_title = 2, row_max = 3, row_rule = 4, row_header = 5, row_first_unit = 6;
constexpr std::uint16_t first_value_col = 2;

std::string number_text(Decimal d) { return d.to_string(); }

// A rate rule: its value is a rate 0..1 (typed as a percentage).
bool takes_rate(const Rule& r) {
  return r.kind == RuleKind::proportional || (r.kind == RuleKind::tiers && r.tier_scale == TierScale::rate);
}
bool takes_count(const Rule& r) {
  return r.kind == RuleKind::deduct || (r.kind == RuleKind::tiers && r.tier_scale == TierScale::count);
}

// What to type, for the rule row and the input message.
std::string what_to_type(const Criterion& leaf) {
  const Rule& r = leaf.rule;
  std::string s;
  switch (r.kind) {
    case RuleKind::options: {
      s = tr("Choose one: ");
      for (std::size_t i = 0; i < r.options.size(); ++i) s += (i ? ", " : "") + r.options[i].name;
      break;
    }
    case RuleKind::points:
      s = r.step ? trf("Points from 0 to {max}, a multiple of {step}", "max"_a = number_text(leaf.max), "step"_a = number_text(*r.step))
                 : trf("Points from 0 to {max}", "max"_a = number_text(leaf.max));
      break;
    case RuleKind::tiers:
      s = r.tier_scale == TierScale::rate ? tr("Rate (0–100%)") : r.tier_scale == TierScale::count ? tr("Count (whole number ≥ 0)") : tr("Number ≥ 0");
      break;
    case RuleKind::proportional: s = tr("Rate (0–100%)"); break;
    case RuleKind::deduct: s = tr("Violations (whole number ≥ 0)"); break;
    case RuleKind::survey: s = tr("Rate (0–100%) or answer counts: A=..;B=.."); break;
  }
  if (leaf.na != NotApplicable::not_allowed) s += tr("; or na (not applicable)");
  return s;
}

// Excel's formula for "is a multiple of step" that float error does not trip.
std::string multiple_of(const std::string& cell, Decimal step) {
  const std::string q = "ROUND(" + cell + "/" + number_text(step) + ",6)";
  return q + "=INT(" + q + ")";
}

// libxlsxwriter copies a validation's texts when it is added: locals suffice.
void validate(lxw_worksheet* sheet, std::uint32_t first, std::uint32_t last, std::uint16_t col, const Criterion& leaf) {
  if (last < first) return;
  lxw_data_validation v{};
  v.ignore_blank = LXW_VALIDATION_ON;
  v.show_input = LXW_VALIDATION_ON;
  v.show_error = LXW_VALIDATION_ON;
  const std::string cell = detail::cell_name(first, col);
  const bool na = leaf.na != NotApplicable::not_allowed;
  const Rule& r = leaf.rule;
  std::string custom;
  std::vector<const char*> names;
  if (r.kind == RuleKind::options) {
    std::size_t chars = 0;
    for (const Option& o : r.options) {
      names.push_back(o.name.c_str());
      chars += o.name.size() + 1;
    }
    if (na) names.push_back("na");
    names.push_back(nullptr);
    if (chars + 3 > 255) return;  // Excel's limit on a typed list: left to the reader's check
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = const_cast<char**>(names.data());
  } else if (r.kind == RuleKind::points) {
    custom = "AND(ISNUMBER(" + cell + ")," + cell + ">=0," + cell + "<=" + number_text(leaf.max) +
             (r.step ? "," + multiple_of(cell, *r.step) : std::string()) + ")";
  } else if (takes_rate(r)) {
    custom = "AND(ISNUMBER(" + cell + ")," + cell + ">=0," + cell + "<=1)";
  } else if (takes_count(r)) {
    custom = "AND(ISNUMBER(" + cell + ")," + cell + ">=0," + cell + "=INT(" + cell + "))";
  } else if (r.kind == RuleKind::tiers) {
    custom = "AND(ISNUMBER(" + cell + ")," + cell + ">=0)";
  } else {
    return;  // survey counts are text: checked when read
  }
  std::string formula;
  if (!custom.empty()) {
    formula = std::string("=") + (na ? std::string("OR(") + cell + "=\"na\"," + custom + ")" : custom);
    v.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
    v.value_formula = formula.data();
  }
  std::string message = what_to_type(leaf).substr(0, 255);
  std::string message_again = message;
  std::string error_title = tr("Invalid value");
  v.input_message = message.data();
  v.error_title = error_title.data();
  v.error_message = message_again.data();
  worksheet_data_validation_range(sheet, first, col, last, col, &v);
}

}  // namespace

void write_entry_template(std::ostream& out, const CriteriaSet& set, const std::vector<Unit>& units) {
  detail::XlsxBook book(set);
  const std::string entry_sheet = tr("Entry sheet");
  detail::XlsxSheet sheet = book.add_sheet(entry_sheet);
  std::vector<NodeIndex> leaves;
  for (std::size_t i = 1; i < set.nodes().size(); ++i)
    if (set.nodes()[i].is_leaf()) leaves.push_back(static_cast<NodeIndex>(i));
  const std::size_t columns = first_value_col + leaves.size() + set.adjustments().size();
  sheet.title(set, tr("Entry sheet (appraisal)"), static_cast<std::uint16_t>(std::min<std::size_t>(columns - 1, 20)));
  lxw_format* label = book.bold();
  lxw_format* title = book.new_format();
  format_set_text_wrap(title);
  format_set_align(title, LXW_ALIGN_VERTICAL_TOP);
  format_set_font_size(title, 9);
  lxw_format* id = book.header();
  lxw_format* percent = book.new_format();
  format_set_num_format(percent, "0.0%");
  format_set_bg_color(percent, 0xFFF9E5);
  format_set_unlocked(percent);
  lxw_format* input = book.new_format();
  format_set_bg_color(input, 0xFFF9E5);
  format_set_unlocked(input);
  lxw_format* text_input = book.new_format();
  format_set_num_format(text_input, "@");
  format_set_bg_color(text_input, 0xFFF9E5);
  format_set_unlocked(text_input);

  sheet.text(row_field, 0, tr("Field"), label);
  sheet.text(row_title, 0, tr("Criterion"), label);
  sheet.text(row_max, 0, tr("Max points"), label);
  sheet.text(row_rule, 0, tr("How to enter"), label);
  sheet.text(row_header, 0, "unit", id);
  sheet.text(row_header, 1, tr("Unit name"), id);
  const std::uint32_t last_unit = row_first_unit + static_cast<std::uint32_t>(units.size()) - 1;
  std::uint16_t col = first_value_col;
  for (const NodeIndex n : leaves) {
    const Criterion& leaf = set.node(n);
    NodeIndex field = n;
    while (set.node(field).depth > 1) field = set.node(field).parent;
    worksheet_write_string(sheet.raw(), row_field, col, set.node(field).id.c_str(), title);
    worksheet_write_string(sheet.raw(), row_title, col, leaf.title.substr(0, 32000).c_str(), title);
    sheet.number(row_max, col, leaf.max);
    worksheet_write_string(sheet.raw(), row_rule, col, what_to_type(leaf).c_str(), title);
    sheet.text(row_header, col, leaf.id, id);
    const Rule& r = leaf.rule;
    lxw_format* cells = takes_rate(r) ? percent : r.kind == RuleKind::options || r.kind == RuleKind::survey ? text_input : input;
    for (std::uint32_t row = row_first_unit; row <= last_unit && !units.empty(); ++row) worksheet_write_blank(sheet.raw(), row, col, cells);
    if (!units.empty()) validate(sheet.raw(), row_first_unit, last_unit, col, leaf);
    worksheet_set_column(sheet.raw(), col, col, 16, nullptr);
    ++col;
  }
  for (const Adjustment& a : set.adjustments()) {
    worksheet_write_string(sheet.raw(), row_field, col, a.kind == AdjustmentKind::bonus ? tr("Bonus") : tr("Penalty"), title);
    worksheet_write_string(sheet.raw(), row_title, col, (a.title.empty() ? a.id : a.title).c_str(), title);
    sheet.number(row_max, col, a.max);
    const std::string how = trf("Points from 0 to {max}", "max"_a = number_text(a.max));
    worksheet_write_string(sheet.raw(), row_rule, col, how.c_str(), title);
    sheet.text(row_header, col, a.id, id);
    for (std::uint32_t row = row_first_unit; row <= last_unit && !units.empty(); ++row) worksheet_write_blank(sheet.raw(), row, col, input);
    if (!units.empty()) {
      lxw_data_validation v{};
      v.validate = LXW_VALIDATION_TYPE_DECIMAL;
      v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
      v.minimum_number = 0;
      v.maximum_number = a.max.to_double();
      v.ignore_blank = LXW_VALIDATION_ON;
      v.show_error = LXW_VALIDATION_ON;
      std::string message = how;
      v.input_message = message.data();
      worksheet_data_validation_range(sheet.raw(), row_first_unit, col, last_unit, col, &v);
    }
    worksheet_set_column(sheet.raw(), col, col, 16, nullptr);
    ++col;
  }
  std::uint32_t row = row_first_unit;
  for (const Unit& u : units) {
    sheet.text(row, 0, u.code());
    sheet.text(row, 1, u.name());
    ++row;
  }
  worksheet_set_row(sheet.raw(), row_title, 90, nullptr);
  worksheet_set_row(sheet.raw(), row_rule, 45, nullptr);
  worksheet_set_column(sheet.raw(), 0, 0, 14, nullptr);
  worksheet_set_column(sheet.raw(), 1, 1, 36, nullptr);
  worksheet_freeze_panes(sheet.raw(), row_first_unit, first_value_col);

  // The instructions, in the chosen language.
  detail::XlsxSheet help = book.add_sheet(tr("Instructions"));
  help.title(set, tr("How to fill in the entry sheet"), 0);
  const std::string lines[] = {
      trf("1. Each row of the sheet “{sheet}” is a unit; each column is a criterion (its id in the header row).", "sheet"_a = entry_sheet),
      tr("2. The rows above the header give the field, the criterion's title, its max points and how to enter it. Do not change the "
         "header row or the column of unit codes."),
      tr("3. A criterion with a list: pick a value from the drop-down list; “na” is not applicable (only where the criterion allows it)."),
      tr("4. Rates: type a percentage, such as 97.5% (the cells are formatted as percentages). Counts and violations: whole numbers, "
         "not negative."),
      trf("5. Points: from 0 to the max points, in the steps given in the row “{row}”.", "row"_a = tr("How to enter")),
      tr("6. Surveys: type a rate, or the answer counts in the form A=30;B=15;C=5;D=0."),
      tr("7. Do not use formulas without a value; do not let Excel turn numbers into dates."),
      tr("8. The values are read as the appraisal. Save the file as .xlsx and run:"),
      tr("   cchc rank --criteria <criteria set>.yaml --units <units> --evidence <this file>.xlsx"),
  };
  std::uint32_t r = 2;
  for (const std::string& line : lines) help.text(r++, 0, line);
  worksheet_set_column(help.raw(), 0, 0, 120, nullptr);
  worksheet_activate(sheet.raw());
  book.finish(out);
}

}  // namespace v1
}  // namespace cchc
