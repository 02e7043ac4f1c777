#include "command/request_json.hpp"

#include <algorithm>
#include <iterator>

#include <nlohmann/json.hpp>

#include "cchc/model/text.hpp"
#include "cchc/report/report.hpp"
#include "command/command.hpp"
#include "i18n/format.hpp"

namespace cchc {
inline namespace v1 {
namespace command {

namespace {

using json = nlohmann::json;
const char* const request_file = "<request>";

Diagnostic request_error(std::string code, std::string key, std::string message, std::uint32_t line = 0,
                         std::uint32_t column = 0) {
  Diagnostic d(SourceLocation{request_file, line, column}, Severity::error, std::move(key), std::move(message));
  d.set_code(std::move(code));
  return d;
}

const char* type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::object: return detail::tr("an object");
    case json::value_t::array: return detail::tr("a list");
    case json::value_t::string: return detail::tr("a text");
    case json::value_t::boolean: return detail::tr("true or false");
    case json::value_t::null: return "null";
    case json::value_t::discarded: return detail::tr("nothing");
    default: return detail::tr("a number");
  }
}

/// 1-based line and character of byte `offset` in `text` (nlohmann counts bytes).
std::pair<std::uint32_t, std::uint32_t> position(std::string_view text, std::size_t offset) {
  std::uint32_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0U) != 0x80U) {
      ++column;
    }
  }
  return {line, column};
}

bool has_nul(const std::string& s) { return s.find('\0') != std::string::npos; }

/// {"path": …} or {"text": …, "name": …}; null or absent: not given.
void read_source(const json& request, const char* key, Source& to, std::vector<Diagnostic>& problems) {
  const auto it = request.find(key);
  if (it == request.end() || it->is_null()) return;
  const std::string k = key;
  if (!it->is_object()) {
    problems.push_back(request_error("request-shape", k, detail::trf("{key}: expected {{\"path\": …}} or {{\"text\": …, \"name\": …}}, found {found}", fmt::arg("key", k),
                                                                  fmt::arg("found", type_name(*it)))));
    return;
  }
  bool ok = true;
  for (const auto& [name, value] : it->items()) {
    if (name != "path" && name != "text" && name != "name") {
      problems.push_back(request_error("request-shape", k + "." + name, detail::trf("{key}: unknown key {name}; expected path, or text and name", fmt::arg("key", k),
                                                                                  fmt::arg("name", quote_for_message(name)))));
      ok = false;
    } else if (!value.is_string()) {
      problems.push_back(request_error("request-shape", k + "." + name, detail::trf("{key}.{name}: expected a text, found {found}", fmt::arg("key", k), fmt::arg("name", name),
                                                                                  fmt::arg("found", type_name(value)))));
      ok = false;
    }
  }
  if (!ok) return;
  const bool path = it->contains("path"), text = it->contains("text");
  if (path == text) {
    problems.push_back(request_error("request-shape", k, detail::trf(path ? "{key}: give either \"path\" or \"text\", not both" : "{key}: give either \"path\" or \"text\"",
                                                                  fmt::arg("key", k))));
    return;
  }
  if (path && it->contains("name")) {
    problems.push_back(request_error("request-shape", k + ".name", detail::trf("{key}: \"name\" goes with \"text\" (a file is named by its path)", fmt::arg("key", k))));
    return;
  }
  if (path) {
    to.path = (*it)["path"].get<std::string>();
    if (to.path.empty() || has_nul(to.path))
      problems.push_back(request_error("request-shape", k + ".path", detail::trf("{key}.path: expected a file path, found {found}", fmt::arg("key", k),
                                                                          fmt::arg("found", quote_for_message(to.path)))));
    return;
  }
  to.text = (*it)["text"].get<std::string>();
  if (it->contains("name")) to.name = (*it)["name"].get<std::string>();
}

void read_options(const json& request, Request& to, std::vector<Diagnostic>& problems) {
  const auto it = request.find("options");
  if (it == request.end() || it->is_null()) return;
  if (!it->is_object()) {
    problems.push_back(request_error("request-shape", "options", detail::trf("options: expected an object, found {found}", fmt::arg("found", type_name(*it)))));
    return;
  }
  for (const auto& [name, value] : it->items()) {
    if (value.is_null()) continue;
    if (value.is_boolean()) to.options.emplace_back(name, value.get<bool>());
    else if (value.is_string()) to.options.emplace_back(name, value.get<std::string>());
    // A number keeps its shortest exact spelling (90.5 stays "90.5"); give more than 15
    // significant digits as a text.
    else if (value.is_number()) to.options.emplace_back(name, value.dump());
    else problems.push_back(request_error("bad-option-value", "options." + name, detail::trf("option {name}: expected true, false, a text or a number, found {found}",
                                                                                           fmt::arg("name", quote_for_message(name)), fmt::arg("found", type_name(value)))));
  }
}

}  // namespace

std::optional<Request> parse_request_json(std::string_view text, std::vector<Diagnostic>& problems) {
  json request;
  try {
    request = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    const auto [line, column] = position(text, e.byte > 0 ? e.byte - 1 : 0);
    // nlohmann's what() starts with "[json.exception.parse_error.101] parse error at line …": keep its reason.
    std::string why = e.what();
    const auto colon = why.find(": ", why.find("parse error"));
    if (colon != std::string::npos) why = why.substr(colon + 2);
    // Its "; last read: '…'" quotes the request's raw bytes, which may be ill-formed UTF-8 (the
    // fuzzer's find): the line and column already say where, so the excerpt is left out.
    const auto excerpt = why.find("; last read:");
    if (excerpt != std::string::npos) why.erase(excerpt);
    problems.push_back(request_error("request-syntax", "", detail::trf("the request is not valid JSON: {reason}", fmt::arg("reason", why)), line, column));
    return std::nullopt;
  } catch (const json::out_of_range&) {
    // A number past a double's range (1e400): nlohmann refuses it without a position.
    problems.push_back(request_error("request-syntax", "", detail::tr("the request holds a number too large to read (past 1.8e308): give it as a text")));
    return std::nullopt;
  }
  if (!request.is_object()) {
    problems.push_back(request_error("request-shape", "", detail::trf("the request must be a JSON object, found {found}", fmt::arg("found", type_name(request)))));
    return std::nullopt;
  }
  Request out;
  const std::size_t before = problems.size();
  for (const auto& [name, value] : request.items()) {
    static const char* const known[] = {"command", "criteria", "units", "evidence", "options"};
    if (std::find(std::begin(known), std::end(known), name) == std::end(known))
      problems.push_back(request_error("request-shape", name, detail::trf("unknown key {name}; expected command, criteria, units, evidence, options",
                                                                   fmt::arg("name", quote_for_message(name)))));
  }
  const auto command = request.find("command");
  if (command == request.end() || !command->is_string())
    problems.push_back(request_error("request-shape", "command",
                                     detail::trf("command: expected a text (rank, explain, …), found {found}",
                                                 fmt::arg("found", command == request.end() ? detail::tr("nothing") : type_name(*command)))));
  else
    out.command = command->get<std::string>();
  read_source(request, "criteria", out.criteria, problems);
  read_source(request, "units", out.units, problems);
  read_source(request, "evidence", out.evidence, problems);
  read_options(request, out, problems);
  if (problems.size() != before) return std::nullopt;
  return out;
}

std::string failure_json(int status, const std::vector<Diagnostic>& diagnostics) {
  std::string out = "{\"status\": " + std::to_string(status) + ",\n \"diagnostics\": [";
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    out += i ? ",\n  " : "\n  ";
    out += diagnostic_json(diagnostics[i]);
  }
  out += diagnostics.empty() ? "]}\n" : "\n ]}\n";
  return out;
}

Response respond(std::string_view request_json, bool binary_ok) noexcept {
  Response out;
  try {
    std::vector<Diagnostic> problems;
    const std::optional<Request> request = parse_request_json(request_json, problems);
    if (!request) {
      out.status = status_usage;
      out.json = failure_json(out.status, problems);
      return out;
    }
    Outcome outcome = run(*request);
    if (outcome.status == status_ok && outcome.binary && !binary_ok) {
      outcome.status = status_usage;
      outcome.diagnostics = {usage_error("binary-format", "format 'xlsx' writes a workbook, bytes that a C string cannot hold: ask cchc_request(), which gives their length")};
    }
    out.status = outcome.status;
    out.json = outcome.status == status_ok ? std::move(outcome.output) : failure_json(outcome.status, outcome.diagnostics);
  } catch (...) {
    // Only an allocation can fail here (run() catches everything): answer with what fits.
    out.status = out.status == status_ok ? status_invalid_input : out.status;
    try {
      out.json = "{\"status\": " + std::to_string(out.status) + ", \"diagnostics\": [{\"severity\": \"error\", \"code\": \"out-of-memory\", \"file\": null, \"line\": null, \"column\": null, \"key\": null, \"unit\": null, \"criterion\": null, \"stage\": null, \"message\": \"out of memory\"}]}\n";
    } catch (...) {
      out.json.clear();
    }
  }
  return out;
}

}  // namespace command
}  // namespace v1
}  // namespace cchc
