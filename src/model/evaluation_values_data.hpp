// The private data of Unit, EvidenceValue and EvaluationOptions (include/cchc/model/evaluation.hpp), for the library's
// code that fills and reads them field by field (see model/value_class.hpp).
#ifndef CCHC_SRC_MODEL_EVALUATION_VALUES_DATA_HPP
#define CCHC_SRC_MODEL_EVALUATION_VALUES_DATA_HPP

#include "cchc/model/evaluation.hpp"
#include "model/value_class.hpp"

namespace cchc {
inline namespace v1 {

struct Unit::Data {
  std::string code{};
  std::string name{};
  std::string group{};
  bool ranked = true;
  ExtraColumns extra{};
  SourceLocation location{};
};

struct EvidenceValue::Data {
  Stage stage = Stage::appraisal;
  ValueKind kind = ValueKind::number;
  Decimal number{};
  std::size_t option = 0;
  std::vector<AnswerCount> answers{};
  std::string text{};
  SourceLocation location{};
};

struct EvaluationOptions::Data {
  bool missing_as_zero = false;
};

}  // namespace v1
}  // namespace cchc

#endif
