#!/usr/bin/env bash
# Regenerates the seed corpora of the criteria and pipeline harnesses from the shipped
# sets and data (the tables seeds are written by hand for the harness's fixed set).
# Run from the repository root: fuzz/make_corpus.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sep=$'\n%%\n'

rm -f fuzz/corpus/criteria/*.yaml fuzz/corpus/pipeline/*.txt
mkdir -p fuzz/corpus/criteria fuzz/corpus/pipeline
for f in criteria/*.yaml; do cp "$f" "fuzz/corpus/criteria/$(basename "$f")"; done
for d in binhduong-2017 pci-2013 papi-2014 thuathienhue-2021 vinhphuc-2019; do
  cp "examples/published/$d/criteria.yaml" "fuzz/corpus/criteria/published-$d.yaml"
done

# One pipeline seed per published example that is small: criteria %% units %% evidence.
for d in binhduong-2017 pci-2013 thuathienhue-2021 vinhphuc-2019; do
  { cat "examples/published/$d/criteria.yaml"; printf '%s' "$sep"
    cat "examples/published/$d/units.csv"; printf '%s' "$sep"
    cat "examples/published/$d/evidence.csv"; } > "fuzz/corpus/pipeline/published-$d.txt"
done
# The sample year, cut to its first two units so the seed stays small.
{ cat criteria/so-ban-nganh-mau.yaml; printf '%s' "$sep"
  head -3 data/sample-2025/units.csv; printf '%s' "$sep"
  codes=$(tail -n +2 data/sample-2025/units.csv | head -2 | cut -d, -f1 | paste -sd'|')
  head -1 data/sample-2025/evidence.csv
  grep -E "^($codes)," data/sample-2025/evidence.csv; } > fuzz/corpus/pipeline/sample-2025-two-units.txt
# The tables harness's fixed set with its hand-written tables, so the pipeline starts
# from a set that has every rule kind.
fixed_yaml=$(sed -n '/^constexpr std::string_view fixed_yaml = R"yaml(/,/^)yaml";/p' fuzz/fuzz_support.cpp | sed '1s/.*R"yaml(//;$d')
{ printf '%s\n' "$fixed_yaml"; printf '%s' "$sep"; cat fuzz/corpus/tables/long-form-all-stages.txt; } > fuzz/corpus/pipeline/fixed-set-all-rules.txt
