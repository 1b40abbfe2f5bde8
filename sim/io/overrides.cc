#include "sim/io/overrides.h"

#include <string>

#include "sim/core/text.h"
#include "sim/core/error.h"
#include "sim/io/toml_reader.h"

namespace supportsim {
namespace {

}  // namespace

Override parse_override(std::string_view key_equals_value) {
  const std::size_t equals = key_equals_value.find('=');
  Override result;
  if (equals != std::string_view::npos) {
    result.key = std::string(trim(key_equals_value.substr(0, equals)));
    result.value = std::string(trim(key_equals_value.substr(equals + 1)));
  }
  if (equals == std::string_view::npos || result.key.empty()) {
    throw InputError("--set " + std::string(key_equals_value) +
                     ": expected KEY=VALUE, e.g. --set run.horizon=8h");
  }
  return result;
}

namespace io {
namespace {

class OverrideApplier {
 public:
  explicit OverrideApplier(const Override& o)
      : override_(o), option_("--set " + o.key + "=" + o.value) {}

  void apply(toml::table& root) const {
    const std::vector<std::string> parts = split(override_.key);
    toml::table document = parse_value();
    toml::table* current = &root;
    std::string walked;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      const std::string& part = parts[i];
      walked += (walked.empty() ? "" : ".") + part;
      toml::node* next = current->get(part);
      if (next == nullptr) {
        toml::table fresh = toml::parse("v = {}", std::string_view(option_));
        const toml::source_region where = fresh.get("v")->source();
        current->insert(toml::key(part, where), std::move(*fresh.get("v")));
        next = current->get(part);
      }
      if (toml::array* members = next->as_array()) {
        if (i + 2 >= parts.size()) {
          fail("expected a key inside a " + part + " member, e.g. " + walked + ".<name>.<key>");
        }
        const std::string& name = parts[++i];
        current = member(*members, part, name);
        walked += "." + name;
        continue;
      }
      if (toml::table* table = next->as_table()) {
        current = table;
        continue;
      }
      fail(walked + " is " + describe(*next) + ", not a table");
    }
    toml::node& value = *document.get("v");
    const toml::source_region where = value.source();
    current->insert_or_assign(toml::key(parts.back(), where), std::move(value));
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw InputError(option_ + ": " + message);
  }

  std::vector<std::string> split(const std::string& key) const {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
      const std::size_t dot = key.find('.', start);
      parts.push_back(
          key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (parts.back().empty()) {
        fail("expected a dotted key path such as run.horizon or group.tier1.agents, got " +
             quote(key));
      }
      if (dot == std::string::npos) return parts;
      start = dot + 1;
    }
  }

  // A document whose key "v" holds the value: TOML if VALUE is a TOML value, else a string.
  toml::table parse_value() const {
    try {
      toml::table document = toml::parse("v = " + override_.value, std::string_view(option_));
      if (document.size() == 1 && document.contains("v")) return document;
    } catch (const toml::parse_error&) {
      // Not a TOML value: taken as a string below.
    }
    try {
      return toml::parse("v = " + quote(override_.value), std::string_view(option_));
    } catch (const toml::parse_error& error) {
      fail("cannot read the value: " + std::string(error.description()));
    }
  }

  toml::table* member(toml::array& members, const std::string& kind,
                      const std::string& name) const {
    std::vector<std::string> names;
    for (toml::node& node : members) {
      toml::table* table = node.as_table();
      if (table == nullptr) continue;
      const toml::node* name_node = table->get("name");
      if (name_node == nullptr || !name_node->is_string()) continue;
      if (name_node->as_string()->get() == name) return table;
      names.push_back(name_node->as_string()->get());
    }
    fail("no " + kind + " named " + quote(name) + name_suggestion(name, names, kind + "s"));
  }

  const Override& override_;
  std::string option_;
};

}  // namespace

void apply_overrides(toml::table& root, const std::vector<Override>& overrides) {
  for (const Override& o : overrides) OverrideApplier(o).apply(root);
}

}  // namespace io
}  // namespace supportsim
