// What a reporting tool does with an installed cchc: load a set and a year's tables from
// text, score, rank, and read the numbers back. Exits non-zero on any mismatch.
#include <cchc/cchc.hpp>

#include <cstdio>
#include <cstring>
#include <string>

int main() {
  const cchc::CriteriaSet set = cchc::parse_criteria(R"(schema: cchc/criteria@1
id: consumer
title: "Kiểm tra cài đặt"
max: 10
fields:
  - {id: "1", title: "Điểm thẩm định", max: 6, rule: {points: {step: 0.5}}}
  - {id: "2", title: "Tỷ lệ hồ sơ đúng hạn", max: 4, rule: {proportional: {target: 1}}}
)");
  const cchc::Evaluation evaluation = cchc::try_parse_evaluation(set, "code,name\nA,Sở Tư pháp\nB,Sở Y tế\n",
                                                                 "unit,criterion,value\nA,1,5.5\nA,2,90%\nB,1,6\nB,2,0.5\n")
                                          .value();
  const auto cards = cchc::score(evaluation);
  const cchc::Ranking ranking = cchc::rank(evaluation, cards);
  // By hand: A = 5.5 + 4 × 0.9 = 9.1, B = 6 + 4 × 0.5 = 8; A ranks first.
  const bool totals_ok = cards.at(0).total().to_string() == "9.1" && cards.at(1).total().to_string() == "8";
  const auto& first = ranking.groups().at(0).entries().at(0);
  const bool rank_ok = first.scorecard() == 0 && first.rank() == 1;
  // The library linked must be the major the headers were written for.
  const bool version_ok = std::strncmp(cchc::version(), "1.", 2) == 0;
  std::printf("cchc %s: A %s, B %s\n", cchc::version(), cards.at(0).total().to_string().c_str(),
              cards.at(1).total().to_string().c_str());
  return totals_ok && rank_ok && version_ok ? 0 : 1;
}
