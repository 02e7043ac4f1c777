#include "usage_message.hpp"

#include <regex>
#include <utility>
#include <vector>

#include "cchc/report/language.hpp"

namespace cchc_tool {

namespace {

/// `pattern` translated, each "{name}" replaced by its value (values are not scanned again).
std::string fill(const char* pattern, const std::vector<std::pair<std::string, std::string>>& values) {
  std::string text = cchc::translate(pattern), out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [name, value] : values) {
      const std::string key = "{" + name + "}";
      if (text.compare(i, key.size(), key) == 0) {
        out += value;
        i += key.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

std::string translated(const std::string& what) {
  std::smatch m;
  if (what == "A subcommand is required") return cchc::translate("A subcommand is required");
  if (std::regex_match(what, m, std::regex("(\\S+) is required"))) return fill("{option} is required", {{"option", m[1]}});
  // The msgids are CLI11's own wording, so that English stays exactly as CLI11 writes it.
  if (std::regex_match(what, m, std::regex("The following argument was not expected: (.*)")))
    return fill("The following argument was not expected: {arguments}", {{"arguments", m[1]}});
  if (std::regex_match(what, m, std::regex("The following arguments were not expected: (.*)")))
    return fill("The following arguments were not expected: {arguments}", {{"arguments", m[1]}});
  if (std::regex_match(what, m, std::regex("(\\S+) excludes (\\S+)")))
    return fill("{option} excludes {other}", {{"option", m[1]}, {"other", m[2]}});
  if (std::regex_match(what, m, std::regex("(\\S+): (.*) not in (\\{.*\\})")))
    return fill("{option}: {value} not in {choices}", {{"option", m[1]}, {"value", m[2]}, {"choices", m[3]}});
  if (std::regex_match(what, m, std::regex("Could not convert: (\\S+) = (.*)")))
    return fill("Could not convert: {option} = {value}", {{"option", m[1]}, {"value", m[2]}});
  if (std::regex_match(what, m, std::regex("(\\S+): (\\d+) required (\\S+) missing")))
    return fill("{option}: {count} required {type} missing", {{"option", m[1]}, {"count", m[2]}, {"type", m[3]}});
  return what;
}

}  // namespace

std::string usage_message(const CLI::App* app, const CLI::Error& error) {
  std::string out = translated(error.what()) + "\n";
  if (app != nullptr && app->get_help_ptr() != nullptr)
    out += fill("Run with {help} for more information.", {{"help", app->get_help_ptr()->get_name()}}) + "\n";
  return out;
}

}  // namespace cchc_tool
