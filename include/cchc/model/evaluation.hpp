// A year's units and their evidence, validated against a criteria set.
#ifndef CCHC_MODEL_EVALUATION_HPP
#define CCHC_MODEL_EVALUATION_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/model/criteria_set.hpp"
#include "cchc/model/decimal.hpp"
#include "cchc/model/diagnostic.hpp"

namespace cchc {
inline namespace v1 {

namespace detail { struct ResultAccess; }

/// The stages of a leaf's score: the unit's self-assessment (tự chấm), the council's
/// appraisal (thẩm định) and the second appraisal after the unit explained itself
/// (giải trình). The latest stage present counts.
enum class Stage : std::uint8_t { self = 0, appraisal = 1, appraisal2 = 2 };
inline constexpr int stage_count = 3;
CCHC_API const char* to_string(Stage stage) noexcept;
CCHC_API std::optional<Stage> parse_stage(std::string_view text) noexcept;

/// Columns of the units file that cchc does not use, kept as read: (header, value).
using ExtraColumns = std::vector<std::pair<std::string, std::string>>;

/// A scored unit: a department, a commune, a central agency, a province.
class CCHC_API Unit {
 public:
  Unit();
  Unit(std::string code, std::string name, std::string group = {});
  Unit(const Unit& other);
  Unit(Unit&& other) noexcept;
  Unit& operator=(const Unit& other);
  Unit& operator=(Unit&& other) noexcept;
  ~Unit();

  const std::string& code() const noexcept;
  const std::string& name() const noexcept;
  const std::string& group() const noexcept;  ///< rank group key; empty = the default group
  bool ranked() const noexcept;  ///< false: scored but not ranked
  const ExtraColumns& extra() const noexcept;  ///< other columns, kept as read
  const SourceLocation& location() const noexcept;

  Unit& set_code(std::string value);
  Unit& set_name(std::string value);
  Unit& set_group(std::string value);
  Unit& set_ranked(bool value);
  Unit& set_extra(ExtraColumns value);
  Unit& set_location(SourceLocation value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
};

enum class ValueKind : std::uint8_t {
  number,          ///< points, a rate (0..1), a count, a share, or an interior node's points
  option,          ///< one of an options rule's names
  answers,         ///< survey answer counts
  not_applicable,  ///< "na"
};

struct AnswerCount { std::string answer; std::int64_t count = 0; };

/// One piece of evidence as validated: what it means and where it was written.
class CCHC_API EvidenceValue {
 public:
  EvidenceValue();
  EvidenceValue(const EvidenceValue& other);
  EvidenceValue(EvidenceValue&& other) noexcept;
  EvidenceValue& operator=(const EvidenceValue& other);
  EvidenceValue& operator=(EvidenceValue&& other) noexcept;
  ~EvidenceValue();

  Stage stage() const noexcept;
  ValueKind kind() const noexcept;
  Decimal number() const noexcept;  ///< kind number; rates are stored as 0..1
  std::size_t option() const noexcept;  ///< kind option: index into the rule's options
  const std::vector<AnswerCount>& answers() const noexcept;  ///< kind answers, in the rule's answer order
  const std::string& text() const noexcept;  ///< as written in the file
  const SourceLocation& location() const noexcept;

  EvidenceValue& set_stage(Stage value);
  EvidenceValue& set_kind(ValueKind value);
  EvidenceValue& set_number(Decimal value);
  EvidenceValue& set_option(std::size_t value);
  EvidenceValue& set_answers(std::vector<AnswerCount> value);
  EvidenceValue& set_text(std::string value);
  EvidenceValue& set_location(SourceLocation value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
};

/// How an evaluation is validated.
class CCHC_API EvaluationOptions {
 public:
  EvaluationOptions();
  EvaluationOptions(const EvaluationOptions& other);
  EvaluationOptions(EvaluationOptions&& other) noexcept;
  EvaluationOptions& operator=(const EvaluationOptions& other);
  EvaluationOptions& operator=(EvaluationOptions&& other) noexcept;
  ~EvaluationOptions();

  /// Score an applicable leaf with no evidence as zero instead of refusing the input.
  bool missing_as_zero() const noexcept;

  EvaluationOptions& set_missing_as_zero(bool value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
};

namespace detail { struct EvaluationData; struct BuilderAccess; }

/// Units and evidence validated against one criteria set (which it keeps). Immutable:
/// copies share the data and every member function is safe to call from many threads.
class CCHC_API Evaluation {
 public:
  Evaluation();

  const CriteriaSet& criteria() const noexcept;
  const std::vector<Unit>& units() const noexcept;
  std::optional<std::size_t> find_unit(std::string_view code) const noexcept;
  const EvaluationOptions& options() const noexcept;

  /// The evidence for a node at a stage; without a stage, the latest stage present.
  std::optional<EvidenceValue> value(std::size_t unit, NodeIndex node,
                                     std::optional<Stage> stage = std::nullopt) const;
  /// The evidence for an adjustment line (index into CriteriaSet::adjustments()).
  std::optional<EvidenceValue> adjustment_value(std::size_t unit, std::size_t adjustment,
                                                std::optional<Stage> stage = std::nullopt) const;

  const detail::EvaluationData& data() const noexcept { return *data_; }
  explicit Evaluation(std::shared_ptr<const detail::EvaluationData> data) noexcept;

 private:
  std::shared_ptr<const detail::EvaluationData> data_;
};

/// Builds an Evaluation from units and evidence given one by one (what the CSV loader
/// does, and what an integrator's test or a portal with its own storage does). Add every
/// unit first, then the values. Each value is validated as it is added; build() adds the
/// checks that need all of them (gaps, a value both at a node and inside it) and returns
/// every problem at once.
class CCHC_API EvaluationBuilder {
 public:
  explicit EvaluationBuilder(CriteriaSet criteria, EvaluationOptions options = {});
  ~EvaluationBuilder();
  EvaluationBuilder(EvaluationBuilder&&) noexcept;
  EvaluationBuilder& operator=(EvaluationBuilder&&) noexcept;
  EvaluationBuilder(const EvaluationBuilder&) = delete;
  EvaluationBuilder& operator=(const EvaluationBuilder&) = delete;

  void add_unit(Unit unit);
  /// Room for this many values (an estimate is fine): saves regrowth on large inputs.
  void reserve(std::size_t values);
  /// `criterion` is a node id or an adjustment id; `value` as a clerk writes it ("0,98",
  /// "97,5%", "kip_thoi", "A=12;B=5", "na"). `decimal_comma` accepts "0,98".
  void add_value(std::string_view unit, std::string_view criterion, std::string_view value,
                 Stage stage = Stage::appraisal, const SourceLocation& where = {},
                 bool decimal_comma = false);
  /// Records a problem found by a reader (a bad row) so that build() reports it with the rest.
  /// `input_incomplete`: the reader could not read all the evidence (a refused header, a
  /// broken quote), so build() does not also report every leaf as a gap.
  void add_diagnostic(Diagnostic diagnostic, bool input_incomplete = false);

  Loaded<Evaluation> build() &&;

 private:
  friend struct detail::BuilderAccess;  // the loader's multi-threaded path
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace v1
}  // namespace cchc

#endif
