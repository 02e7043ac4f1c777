// CLI11's parse errors in the chosen language. CLI11 writes them in English from fixed
// patterns ("--criteria is required"); the common ones are recognised and said again through
// the catalog, the others are left as CLI11 wrote them.
#ifndef CCHC_TOOL_USAGE_MESSAGE_HPP
#define CCHC_TOOL_USAGE_MESSAGE_HPP

#include <CLI/CLI.hpp>

#include <string>

namespace cchc_tool {

/// For CLI::App::failure_message: the error, then where to look for help.
std::string usage_message(const CLI::App* app, const CLI::Error& error);

}  // namespace cchc_tool

#endif
