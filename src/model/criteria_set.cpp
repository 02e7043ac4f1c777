#include "cchc/model/criteria_set.hpp"

#include <algorithm>

#include "model/api_error.hpp"
#include "model/criteria_set_data.hpp"

namespace cchc {
inline namespace v1 {

namespace {
const std::shared_ptr<const detail::CriteriaSetData>& empty_set() {
  static const auto empty = [] {
    auto d = std::make_shared<detail::CriteriaSetData>();
    d->nodes.emplace_back();
    return std::shared_ptr<const detail::CriteriaSetData>(std::move(d));
  }();
  return empty;
}
}  // namespace

CriteriaSet::CriteriaSet() : data_(empty_set()) {}
CriteriaSet::CriteriaSet(std::shared_ptr<const detail::CriteriaSetData> data) noexcept : data_(std::move(data)) {}

const std::string& CriteriaSet::id() const noexcept { return data_->id; }
const std::string& CriteriaSet::title() const noexcept { return data_->title; }
std::optional<int> CriteriaSet::year() const noexcept { return data_->year; }
Decimal CriteriaSet::max() const noexcept { return data_->nodes.front().max; }
Rounding CriteriaSet::rounding() const noexcept { return data_->rounding; }
const std::vector<Band>& CriteriaSet::bands() const noexcept { return data_->bands; }
const std::vector<RankGroup>& CriteriaSet::groups() const noexcept { return data_->groups; }
const RankingPolicy& CriteriaSet::ranking() const noexcept { return data_->ranking; }
const std::vector<Adjustment>& CriteriaSet::adjustments() const noexcept { return data_->adjustments; }
const std::string& CriteriaSet::source_name() const noexcept { return data_->source_name; }
const std::vector<Criterion>& CriteriaSet::nodes() const noexcept { return data_->nodes; }

void CriteriaSet::node_out_of_range(NodeIndex i, std::size_t size) {
  detail::checked_index(i, size, "index-out-of-range", "node");
  detail::throw_api_error("index-out-of-range", "node out of range");  // not reached: checked_index threw
}

std::optional<NodeIndex> CriteriaSet::find(std::string_view id) const noexcept {
  const auto it = data_->node_by_id.find(id);
  if (it == data_->node_by_id.end()) return std::nullopt;
  return it->second;
}

const RankGroup* CriteriaSet::find_group(std::string_view key) const noexcept {
  for (const RankGroup& g : data_->groups)
    if (g.key == key) return &g;
  return nullptr;
}

std::optional<std::size_t> CriteriaSet::find_adjustment(std::string_view id) const noexcept {
  for (std::size_t i = 0; i < data_->adjustments.size(); ++i)
    if (data_->adjustments[i].id == id) return i;
  return std::nullopt;
}

const std::vector<Band>& CriteriaSet::bands_for(std::string_view group_key) const noexcept {
  const RankGroup* g = find_group(group_key);
  return g != nullptr && !g->bands.empty() ? g->bands : data_->bands;
}

}  // namespace v1
}  // namespace cchc
