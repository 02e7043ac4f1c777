#include "markdown_report.hpp"

#include <string>

namespace reporting {
namespace {

// A '|' inside a cell would end it; a line break would end the row.
std::string cell(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '|') escaped += "\\|";
    else if (c == '\n' || c == '\r') escaped += ' ';
    else escaped += c;
  }
  return escaped;
}

std::string largest_losses(const cchc::Evaluation& evaluation, const cchc::Scorecard& card, std::size_t count,
                           int places) {
  const auto& set = evaluation.criteria();
  const auto losses = cchc::points_lost(evaluation, card);
  std::string text;
  for (std::size_t i = 0; i < losses.size() && i < count; ++i) {
    const auto& node = set.node(losses[i].node());
    if (!text.empty()) text += "; ";
    text += node.id + " " + node.title + " (−" + losses[i].lost().to_string(places) + ")";
  }
  return text.empty() ? "không mất điểm" : text;
}

}  // namespace

void write_markdown_report(std::ostream& out, const cchc::Evaluation& evaluation,
                           const std::vector<cchc::Scorecard>& cards, const cchc::Ranking& ranking,
                           std::size_t losses_per_unit) {
  const auto& set = evaluation.criteria();
  const int places = set.rounding().places;
  out << "# " << cell(set.title()) << "\n\n";
  out << "Bộ tiêu chí `" << set.id() << "`";
  if (set.year()) out << ", năm " << *set.year();
  out << "; " << evaluation.units().size() << " đơn vị; điểm tối đa " << set.max().to_string() << ".\n";

  for (const auto& group : ranking.groups()) {
    out << "\n## " << cell(group.key().empty() ? "Xếp hạng" : group.title()) << "\n\n";
    out << "| Hạng | Mã | Đơn vị | Tổng điểm | Chỉ số (%) | Xếp loại | " << losses_per_unit
        << " nội dung mất nhiều điểm nhất |\n";
    out << "| ---: | --- | --- | ---: | ---: | --- | --- |\n";
    for (const auto& entry : group.entries()) {
      const auto& card = cards[entry.scorecard()];
      const auto& unit = evaluation.units()[card.unit()];
      out << "| " << (entry.rank() ? std::to_string(*entry.rank()) : "–") << " | " << cell(unit.code()) << " | "
          << cell(unit.name()) << " | " << card.total().to_string(places) << " | " << card.index().to_string(places)
          << " | " << cell(entry.band()) << " | " << cell(largest_losses(evaluation, card, losses_per_unit, places))
          << " |\n";
    }
  }
}

}  // namespace reporting
