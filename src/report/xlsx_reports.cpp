// The reports as Excel workbooks: numbers are number cells with the set's places, ids and
// names text cells, every sheet has a title row and a frozen header. In the scoring sheet an
// interior node that sums its children is a SUM formula over their cells, its value cached
// as cchc's exact figure, so that a clerk can audit it in Excel.
#include "report/xlsx_reports.hpp"

#include <algorithm>
#include <stdexcept>

#include <xlsxwriter.h>

#include "cchc/analysis/plan.hpp"
#include "cchc/scoring/explain.hpp"
#include "model/api_error.hpp"
#include "i18n/format.hpp"
#include "model/unicode.hpp"
#include "report/xlsx_book.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {
namespace {

using fmt::literals::operator""_a;  // NOLINT(misc-unused-using-decls): clang-tidy 14 misses uses in "name"_a


// English msgids, translated where they are written (tr_noop marks them for the catalog check).
constexpr const char* stage_titles[stage_count] = {tr_noop("Self-assessment"), tr_noop("Appraisal"), tr_noop("Second appraisal")};

std::string group_title(const GroupRanking& g) {
  if (g.key().empty()) return tr("Ranking");
  return g.title().empty() || g.title() == g.key() ? g.key() : g.key() + " — " + g.title();
}

// The rank of every scorecard, and its band.
struct Placing {
  std::optional<int> rank;
  std::string band;
  std::string group;
};
Placing placing_of(const Ranking& ranking, std::size_t scorecard) {
  for (const GroupRanking& g : ranking.groups())
    for (const RankEntry& e : g.entries())
      if (e.scorecard() == scorecard) return {e.rank(), e.band(), g.key()};
  return {};
}

// The columns of a point lost, from the field on (the gaps sheet puts the unit before them).
std::vector<std::string> gap_header() {
  return {tr("Field"),  tr("Criterion"), tr("Title"),     tr("Max points"),     tr("Points"),        tr("Points lost"),
          tr("Rule"),   tr("Evidence"),  tr("Next step"), tr("Points to gain"), tr("Value to reach")};
}

void gap_cells(XlsxBook& book, XlsxSheet& sheet, std::uint32_t row, std::uint16_t first, const CriteriaSet& set, const Gap& g) {
  auto col = [first](int k) { return static_cast<std::uint16_t>(first + k); };
  sheet.text(row, col(0), set.node(g.field()).id);
  sheet.text(row, col(1), set.node(g.node()).id);
  sheet.text(row, col(2), set.node(g.node()).title);
  sheet.number(row, col(3), g.max());
  sheet.number(row, col(4), g.points());
  sheet.number(row, col(5), g.lost(), book.number_bold());
  sheet.text(row, col(6), g.rule());
  sheet.text(row, col(7), g.evidence());
  sheet.text(row, col(8), g.next_step());
  sheet.number(row, col(9), g.next_gain());
  sheet.text(row, col(10), g.next_value());
}

}  // namespace

void add_ranking_sheets(XlsxBook& book, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking) {
  const CriteriaSet& set = ev.criteria();
  // The summary first: a row per group, with the sheet that holds it.
  XlsxSheet summary = book.add_sheet(tr("Summary"));
  const std::vector<std::string> summary_header = {tr("Group"),  tr("Group name"),        tr("Number of units"),
                                                   tr("Ranked"), tr("Highest index (%)"), tr("Lowest index (%)")};
  summary.title(set, tr("Ranking summary"), static_cast<std::uint16_t>(summary_header.size() - 1));
  summary.header(2, summary_header);
  std::uint32_t summary_row = 3;
  for (const GroupRanking& g : ranking.groups()) {
    std::size_t ranked = 0;
    std::optional<Decimal> best, worst;
    for (const RankEntry& e : g.entries()) {
      if (!e.rank()) continue;
      ++ranked;
      const Decimal index = cards[e.scorecard()].index();
      if (!best || index > *best) best = index;
      if (!worst || index < *worst) worst = index;
    }
    summary.text(summary_row, 0, g.key());
    summary.text(summary_row, 1, g.title());
    summary.integer(summary_row, 2, static_cast<std::int64_t>(g.entries().size()));
    summary.integer(summary_row, 3, static_cast<std::int64_t>(ranked));
    if (best) summary.number(summary_row, 4, *best);
    if (worst) summary.number(summary_row, 5, *worst);
    ++summary_row;
  }
  summary.fit_columns();

  std::vector<std::string> header = {tr("Rank"),      tr("Unit code"), tr("Unit name"), tr("Total"),  tr("Max points"),
                                     tr("Index (%)"), tr("Band"),      tr("Appraisal"), tr("Survey")};
  const std::size_t first_field = header.size();
  for (NodeIndex f : set.fields()) header.push_back(set.node(f).id + ". " + set.node(f).title);
  for (const Adjustment& a : set.adjustments()) header.push_back(a.title.empty() ? a.id : a.id + ". " + a.title);
  for (const GroupRanking& g : ranking.groups()) {
    XlsxSheet sheet = book.add_sheet(g.key().empty() ? std::string(tr("Ranking")) : g.key());
    sheet.title(set, group_title(g), static_cast<std::uint16_t>(header.size() - 1));
    sheet.header(2, header);
    std::uint32_t row = 3;
    for (const RankEntry& e : g.entries()) {
      const Scorecard& c = cards[e.scorecard()];
      const Unit& u = ev.units()[c.unit()];
      if (e.rank()) sheet.integer(row, 0, *e.rank());
      else sheet.text(row, 0, "-");
      sheet.text(row, 1, u.code());
      sheet.text(row, 2, u.name());
      sheet.number(row, 3, c.total(), book.number_bold());
      sheet.number(row, 4, c.max());
      sheet.number(row, 5, c.index());
      sheet.text(row, 6, e.band());
      sheet.number(row, 7, c.appraisal());
      sheet.number(row, 8, c.survey());
      std::uint16_t col = static_cast<std::uint16_t>(first_field);
      for (NodeIndex f : set.fields()) sheet.number(row, col++, c.nodes()[f].points);
      for (const Decimal& a : c.adjustments()) sheet.number(row, col++, a);
      ++row;
    }
    sheet.fit_columns(40);
    worksheet_autofilter(sheet.raw(), 2, 0, row > 3 ? row - 1 : 3, static_cast<lxw_col_t>(header.size() - 1));
  }
}

void write_ranking_xlsx(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking) {
  XlsxBook book(ev.criteria());
  add_ranking_sheets(book, ev, cards, ranking);
  book.finish(out);
}

std::uint32_t add_scorecard_rows(XlsxBook& book, XlsxSheet& sheet, const Evaluation& ev, const Scorecard& card,
                                 const Ranking& ranking) {
  const CriteriaSet& set = ev.criteria();
  const Unit& unit = ev.units()[checked_index(card.unit(), ev.units().size(), "scorecard-mismatch", "scorecard unit")];
  const Placing placing = placing_of(ranking, card.unit());
  const std::vector<NodeExplanation> nodes = explain(ev, card);
  const TotalExplanation total = explain_total(ev, card);
  // The stages the unit entered values at: a column each, scored as the card stood then.
  const UnitDeviations dv = find_deviations(ev, card.unit());
  std::optional<Scorecard> as_of[stage_count];
  for (int s = 0; s < stage_count; ++s)
    if (dv.totals()[static_cast<std::size_t>(s)]) as_of[s] = score_unit_as_of(ev, card.unit(), static_cast<Stage>(s));

  const std::vector<std::string> header = {tr("No."),             tr("Field / Criterion / Component criterion"), tr("Max points"),
                                           tr(stage_titles[0]),   tr(stage_titles[1]), tr(stage_titles[2]), tr("Points"),
                                           tr("Index (%)"),       tr("Notes")};
  constexpr std::uint16_t col_max = 2, col_stage = 3, col_points = 6, col_index = 7, col_note = 8;
  sheet.title(set, tr("Scorecard"), col_note);
  std::string who = trf("Unit: {name} ({code})", "name"_a = unit.name(), "code"_a = unit.code());
  if (!unit.group().empty()) who += trf(" — group {group}", "group"_a = unit.group());
  who += placing.rank ? trf(" — rank {rank}", "rank"_a = *placing.rank) : std::string(tr(" — not ranked"));
  if (!placing.band.empty()) who += trf(" — band {band}", "band"_a = placing.band);
  worksheet_merge_range(sheet.raw(), 1, 0, 1, col_note, who.c_str(), book.bold());
  sheet.header(2, header);

  // A row per node in pre-order; the row of each node, for its parent's SUM.
  std::vector<std::uint32_t> row_of(set.nodes().size(), 0);
  std::uint32_t row = 3;
  for (std::size_t i = 1; i < nodes.size(); ++i) row_of[nodes[i].node()] = row++;
  auto sum_of_children = [&](const Criterion& c, std::uint16_t col) {
    std::string f = "SUM(";
    for (std::size_t k = 0; k < c.children.size(); ++k) {
      // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "literal" + string&&.
      if (k != 0) f += ',';
      f += cell_name(row_of[c.children[k]], col);
    }
    return f + ")";
  };
  // Excel takes at most 255 arguments to SUM.
  auto sums_children = [&](const Criterion& c, NodeStatus status) {
    return !c.is_leaf() && c.aggregate == Aggregate::sum && status == NodeStatus::scored && c.children.size() <= 255;
  };
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    const NodeExplanation& e = nodes[i];
    const Criterion& c = set.node(e.node());
    const std::uint32_t r = row_of[e.node()];
    const bool field = c.depth == 1;
    sheet.text(r, 0, c.id, field ? book.bold() : nullptr);
    sheet.text(r, 1, c.title, book.indented(c.depth - 1, field));
    sheet.number(r, col_max, e.max(), field ? book.number_bold() : nullptr);
    for (int s = 0; s < stage_count; ++s) {
      if (!as_of[s]) continue;
      const NodeScore& n = as_of[s]->nodes()[e.node()];
      const std::uint16_t col = static_cast<std::uint16_t>(col_stage + s);
      if (n.status == NodeStatus::covered) continue;
      if (sums_children(c, n.status)) sheet.formula(r, col, sum_of_children(c, col), n.points, field ? book.number_bold() : nullptr);
      else sheet.number(r, col, n.points, field ? book.number_bold() : nullptr);
    }
    if (e.status() != NodeStatus::covered) {
      if (sums_children(c, e.status()))
        sheet.formula(r, col_points, sum_of_children(c, col_points), e.points(), field ? book.number_bold() : nullptr);
      else sheet.number(r, col_points, e.points(), field ? book.number_bold() : nullptr);
      sheet.number(r, col_index, component_index(card.nodes()[e.node()], set.rounding()));
    }
    std::string note;
    if (c.is_leaf() || e.status() == NodeStatus::given) note = e.rule();
    if (!e.evidence().empty()) {
      if (!note.empty()) note += '\n';
      note += tr("Evidence: ");
      note += e.evidence();
    }
    if (!e.reason().empty() && (c.is_leaf() || e.status() != NodeStatus::scored)) note += (note.empty() ? "" : "\n") + e.reason();
    sheet.text(r, col_note, note, book.wrap());
  }
  // The tree's total, the adjustments, the clamp and the total: they add up.
  const Criterion& root = set.root();
  sheet.text(row, 1, tr("Total of the fields"), book.bold());
  sheet.number(row, col_max, card.nodes()[0].max, book.number_bold());
  for (int s = 0; s < stage_count; ++s)
    if (as_of[s]) {
      const std::uint16_t col = static_cast<std::uint16_t>(col_stage + s);
      if (sums_children(root, as_of[s]->nodes()[0].status))
        sheet.formula(row, col, sum_of_children(root, col), as_of[s]->tree_total(), book.number_bold());
      else sheet.number(row, col, as_of[s]->tree_total(), book.number_bold());
    }
  const std::uint32_t tree_row = row;
  if (sums_children(root, card.nodes()[0].status))
    sheet.formula(row, col_points, sum_of_children(root, col_points), total.tree_total(), book.number_bold());
  else sheet.number(row, col_points, total.tree_total(), book.number_bold());
  sheet.text(row, col_note, root.aggregate == Aggregate::sum ? tr("Sum of the fields") : tr("Weighted mean of the fields"),
             book.wrap());
  ++row;
  std::string total_formula = cell_name(tree_row, col_points);
  for (const AdjustmentExplanation& a : total.adjustments()) {
    const Adjustment& line = set.adjustments()[a.adjustment()];
    const bool bonus = line.kind == AdjustmentKind::bonus;
    sheet.text(row, 0, line.id);
    sheet.text(row, 1, std::string(bonus ? tr("Bonus: ") : tr("Penalty: ")) + (line.title.empty() ? line.id : line.title), book.indented(0, false));
    sheet.number(row, col_max, a.max());
    sheet.number(row, col_points, a.points());
    sheet.text(row, col_note, a.evidence().empty() ? a.reason() : tr("Evidence: ") + a.evidence() + "\n" + a.reason(), book.wrap());
    total_formula += '+';
    total_formula += cell_name(row, col_points);
    ++row;
  }
  if (total.clamp() != Decimal()) {
    sheet.text(row, 1, tr("Kept within [0, max]"), book.indented(0, false));
    sheet.number(row, col_points, total.clamp());
    total_formula += '+';
    total_formula += cell_name(row, col_points);
    ++row;
  }
  sheet.text(row, 1, tr("TOTAL"), book.bold());
  sheet.number(row, col_max, card.max(), book.number_bold());
  sheet.formula(row, col_points, total_formula, card.total(), book.number_bold());
  sheet.number(row, col_index, card.index(), book.number_bold());
  return row + 1;
}

void write_scorecard_xlsx(std::ostream& out, const Evaluation& ev, const Scorecard& card, const Ranking& ranking) {
  XlsxBook book(ev.criteria());
  XlsxSheet sheet = book.add_sheet(tr("Scorecard"));
  add_scorecard_rows(book, sheet, ev, card, ranking);
  sheet.fit_columns(60);
  book.finish(out);
}

void write_gaps_xlsx(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                     std::optional<std::size_t> unit) {
  const CriteriaSet& set = ev.criteria();
  std::vector<std::size_t> order;
  for (const GroupRanking& g : ranking.groups())
    for (const RankEntry& e : g.entries())
      if (!unit || cards[e.scorecard()].unit() == *unit) order.push_back(e.scorecard());
  XlsxBook book(set);
  XlsxSheet lost = book.add_sheet(tr("Points lost"));
  std::vector<std::string> lost_header = {tr("Unit code"), tr("Unit name")};
  const std::vector<std::string> gap_columns = gap_header();
  lost_header.insert(lost_header.end(), gap_columns.begin(), gap_columns.end());
  lost.title(set, tr("Points lost, biggest first"), static_cast<std::uint16_t>(lost_header.size() - 1));
  lost.header(2, lost_header);
  XlsxSheet fields = book.add_sheet(tr("By field"));
  const std::vector<std::string> field_header = {tr("Unit code"),  tr("Unit name"), tr("Field"),       tr("Field name"),
                                                 tr("Max points"), tr("Points"),    tr("Points lost"), tr("Index (%)")};
  fields.title(set, tr("Points by field"), static_cast<std::uint16_t>(field_header.size() - 1));
  fields.header(2, field_header);
  std::uint32_t lost_row = 3, field_row = 3;
  for (std::size_t k : order) {
    const Unit& u = ev.units()[cards[k].unit()];
    const UnitGaps gaps = find_gaps(ev, cards[k]);
    for (const Gap& g : gaps.gaps()) {
      lost.text(lost_row, 0, u.code());
      lost.text(lost_row, 1, u.name());
      gap_cells(book, lost, lost_row++, 2, set, g);
    }
    for (const FieldSummary& s : gaps.fields()) {
      fields.text(field_row, 0, u.code());
      fields.text(field_row, 1, u.name());
      fields.text(field_row, 2, set.node(s.field()).id);
      fields.text(field_row, 3, set.node(s.field()).title);
      fields.number(field_row, 4, s.max());
      fields.number(field_row, 5, s.points());
      fields.number(field_row, 6, s.lost(), book.number_bold());
      fields.number(field_row, 7, s.index());
      ++field_row;
    }
  }
  lost.fit_columns(50);
  fields.fit_columns(50);
  book.finish(out);
}

void add_deviations_sheet(XlsxBook& book, const Evaluation& ev, std::optional<std::size_t> unit) {
  const CriteriaSet& set = ev.criteria();
  XlsxSheet sheet = book.add_sheet(tr("Deviations"));
  const std::vector<std::string> header = {tr("Unit code"),       tr("Unit name"),       tr("Criterion"),         tr("Title"),
                                           tr("Max points"),      tr(stage_titles[0]),   tr(stage_titles[1]),     tr(stage_titles[2]),
                                           tr("Points"),          tr("Difference")};
  sheet.title(set, tr("Deviations between the self-assessment and the appraisal"), static_cast<std::uint16_t>(header.size() - 1));
  sheet.header(2, header);
  std::uint32_t row = 3;
  auto maybe = [&](std::uint32_t r, std::uint16_t col, const std::optional<Decimal>& d, lxw_format* f = nullptr) {
    if (d) sheet.number(r, col, *d, f);
  };
  for (std::size_t u = 0; u < ev.units().size(); ++u) {
    if (unit && *unit != u) continue;
    const UnitDeviations dv = find_deviations(ev, u);
    const Unit& who = ev.units()[u];
    for (const Deviation& x : dv.deviations()) {
      sheet.text(row, 0, who.code());
      sheet.text(row, 1, who.name());
      sheet.text(row, 2, set.node(x.node()).id);
      sheet.text(row, 3, set.node(x.node()).title);
      sheet.number(row, 4, x.max());
      for (int s = 0; s < stage_count; ++s) maybe(row, static_cast<std::uint16_t>(5 + s), x.points()[static_cast<std::size_t>(s)]);
      sheet.number(row, 8, x.final_points());
      if (x.points()[0]) sheet.number(row, 9, x.change(), book.number_bold());
      ++row;
    }
    const std::optional<Decimal> last = dv.totals()[2] ? dv.totals()[2] : dv.totals()[1] ? dv.totals()[1] : dv.totals()[0];
    sheet.text(row, 0, who.code(), book.bold());
    sheet.text(row, 1, who.name(), book.bold());
    sheet.text(row, 3, tr("Total"), book.bold());
    sheet.number(row, 4, dv.max(), book.number_bold());
    for (int s = 0; s < stage_count; ++s) maybe(row, static_cast<std::uint16_t>(5 + s), dv.totals()[static_cast<std::size_t>(s)], book.number_bold());
    maybe(row, 8, last, book.number_bold());
    if (dv.totals()[0] && last) sheet.number(row, 9, *last - *dv.totals()[0], book.number_bold());
    ++row;
  }
  sheet.fit_columns(50);
}

void write_deviations_xlsx(std::ostream& out, const Evaluation& ev, std::optional<std::size_t> unit) {
  XlsxBook book(ev.criteria());
  add_deviations_sheet(book, ev, unit);
  book.finish(out);
}

void write_report_xlsx(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                       const RobustnessResult* robustness) {
  const CriteriaSet& set = ev.criteria();
  XlsxBook book(set);
  add_ranking_sheets(book, ev, cards, ranking);
  // Asked for (the report's robustness options): how sure each rank is, beside the ranking.
  if (robustness) add_robustness_sheets(book, ev, *robustness);

  // A sheet per unit, in ranking order, named by its code: the scorecard, then its points
  // lost with the next steps.
  struct Indexed {
    std::string key;
    std::size_t unit;
    const RankEntry* entry;
    std::string group;
    std::string sheet;
  };
  std::vector<Indexed> index;
  std::size_t plan_budget = report_plan_budget;  // shared by every unit's plan
  for (const GroupRanking& g : ranking.groups())
    for (const RankEntry& e : g.entries()) {
      const Scorecard& card = cards[e.scorecard()];
      const Unit& u = ev.units()[card.unit()];
      XlsxSheet sheet = book.add_sheet(u.code());
      std::uint32_t row = add_scorecard_rows(book, sheet, ev, card, ranking) + 1;
      const UnitGaps gaps = find_gaps(ev, card);
      sheet.text(row++, 0, tr("Points lost, biggest first, and the next step"), book.bold());
      sheet.header(row++, gap_header(), false);
      for (const Gap& gap : gaps.gaps()) gap_cells(book, sheet, row++, 0, set, gap);
      if (gaps.gaps().empty()) sheet.text(row++, 0, tr("No points lost."));
      // The plan to the next band up, on the unit's own sheet below its points lost, as the
      // HTML report puts it: the clerk of a unit reads one sheet, from where the points went
      // to what to write next year, and a plan sheet apart would be one more place to look.
      if (const std::optional<std::string> target = next_band_up(set, g, e)) {
        std::string why;
        if (const std::optional<UnitPlan> plan = report_plan(ev, cards, ranking, card.unit(), *target, plan_budget, why))
          add_plan_rows(book, sheet, ev, *plan, row + 1, false);
        else
          sheet.text(row + 1, 0, why);
      }
      sheet.fit_columns(60);
      index.push_back({vi_collation_key(u.name()), card.unit(), &e, g.key(), sheet.name()});
    }

  add_deviations_sheet(book, ev, std::nullopt);

  // The index of units: by name in Vietnamese order, then by code (as the HTML report's),
  // each linked to its sheet.
  std::sort(index.begin(), index.end(), [&](const Indexed& a, const Indexed& b) {
    if (a.key != b.key) return a.key < b.key;
    return ev.units()[a.unit].code() < ev.units()[b.unit].code();
  });
  XlsxSheet sheet = book.add_sheet(tr("Unit index"));
  const std::vector<std::string> header = {tr("Unit code"), tr("Unit name"), tr("Group"), tr("Rank"), tr("Band"), tr("Sheet")};
  sheet.title(set, tr("Unit index"), static_cast<std::uint16_t>(header.size() - 1));
  sheet.header(2, header);
  std::uint32_t row = 3;
  for (const Indexed& x : index) {
    const Unit& u = ev.units()[x.unit];
    sheet.text(row, 0, u.code());
    sheet.text(row, 1, u.name());
    sheet.text(row, 2, x.group);
    if (x.entry->rank()) sheet.integer(row, 3, *x.entry->rank());
    else sheet.text(row, 3, "-");
    sheet.text(row, 4, x.entry->band());
    // An internal link: the sheet's name quoted, a quote in it doubled.
    std::string quoted;
    for (const char c : x.sheet) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    const std::string link = "internal:'" + quoted + "'!A1";
    sheet.text(row, 5, x.sheet);  // for the column's width; the link below replaces the cell
    if (worksheet_write_url_opt(sheet.raw(), row, 5, link.c_str(), nullptr, x.sheet.c_str(), nullptr) != LXW_NO_ERROR)
      throw std::runtime_error("cannot write the workbook: a link to the sheet '" + x.sheet + "'");
    ++row;
  }
  sheet.fit_columns(50);
  book.finish(out);
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
