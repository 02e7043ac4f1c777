// Unit, EvidenceValue and EvaluationOptions (include/cchc/model/evaluation.hpp) as value classes:
// their data is private so that they can grow without breaking the ABI (see model/value_class.hpp).
#include "cchc/model/evaluation.hpp"

#include "model/evaluation_values_data.hpp"

namespace cchc {
inline namespace v1 {

CCHC_DEFINE_VALUE_CLASS(Unit)
Unit::Unit(std::string code, std::string name, std::string group) : Unit() {
  data_->code = std::move(code);
  data_->name = std::move(name);
  data_->group = std::move(group);
}
CCHC_VALUE_FIELD_REF(Unit, std::string, code)
CCHC_VALUE_FIELD_REF(Unit, std::string, name)
CCHC_VALUE_FIELD_REF(Unit, std::string, group)
CCHC_VALUE_FIELD(Unit, bool, ranked)
CCHC_VALUE_FIELD_REF(Unit, ExtraColumns, extra)
CCHC_VALUE_FIELD_REF(Unit, SourceLocation, location)

CCHC_DEFINE_VALUE_CLASS(EvidenceValue)
CCHC_VALUE_FIELD(EvidenceValue, Stage, stage)
CCHC_VALUE_FIELD(EvidenceValue, ValueKind, kind)
CCHC_VALUE_FIELD(EvidenceValue, Decimal, number)
CCHC_VALUE_FIELD(EvidenceValue, std::size_t, option)
CCHC_VALUE_FIELD_REF(EvidenceValue, std::vector<AnswerCount>, answers)
CCHC_VALUE_FIELD_REF(EvidenceValue, std::string, text)
CCHC_VALUE_FIELD_REF(EvidenceValue, SourceLocation, location)

CCHC_DEFINE_VALUE_CLASS(EvaluationOptions)
CCHC_VALUE_FIELD(EvaluationOptions, bool, missing_as_zero)

}  // namespace v1
}  // namespace cchc
