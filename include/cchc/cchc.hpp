// cchc: exact scoring, ranking and explanation of the administrative reform index.
// The one header a program includes. Only the standard library is used in these headers.
#ifndef CCHC_CCHC_HPP
#define CCHC_CCHC_HPP

#include "cchc/version.hpp"
#include "cchc/model/decimal.hpp"
#include "cchc/model/diagnostic.hpp"
#include "cchc/model/text.hpp"
#include "cchc/model/criteria_set.hpp"
#include "cchc/model/evaluation.hpp"
#include "cchc/io/load.hpp"
#include "cchc/io/run_weights.hpp"
#include "cchc/scoring/scorecard.hpp"
#include "cchc/scoring/explain.hpp"
#include "cchc/ranking/ranking.hpp"
#include "cchc/analysis/gaps.hpp"
#include "cchc/analysis/deviations.hpp"
#include "cchc/analysis/plan.hpp"
#include "cchc/analysis/robustness.hpp"
#include "cchc/report/report.hpp"
#include "cchc/report/language.hpp"

#endif
