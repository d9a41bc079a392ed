// Profiles: parsing and checking the JSON, and the method wrapper that applies one.
#include "plugins/profile.h"

#include <algorithm>
#include <limits>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/i18n.h"
#include "plugins/plugin_host.h"

namespace kinbridge::detail {

namespace {

using nlohmann::json;

const char* TypeName(const json& value) {
  switch (value.type()) {
    case json::value_t::object: return _("an object");
    case json::value_t::array: return _("an array");
    case json::value_t::string: return _("text");
    case json::value_t::boolean: return _("a boolean");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return _("an integer");
    case json::value_t::number_float: return _("a number");
    case json::value_t::null: return _("null");
    default: return _("an unknown value");
  }
}

const char* TypeName(plugin::ParameterType type) {
  switch (type) {
    case plugin::ParameterType::kInteger: return _("an integer");
    case plugin::ParameterType::kNumber: return _("a number");
    case plugin::ParameterType::kBoolean: return _("true or false");
    case plugin::ParameterType::kText: return _("text");
  }
  return _("an unknown type");
}

std::string ValueText(const plugin::ParameterValue& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  return "'" + std::get<std::string>(value) + "'";
}

const char* ValueTypeName(const plugin::ParameterValue& value) {
  if (std::holds_alternative<std::int64_t>(value)) return _("an integer");
  if (std::holds_alternative<double>(value)) return _("a number");
  if (std::holds_alternative<bool>(value)) return _("a boolean");
  return _("text");
}

bool IsMethodId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
  });
}

Status WrongType(const std::string& field, const json& value, const char* expected) {
  return Status::InvalidArgument(
      TrFormat("profile field '{}' is {} (expected {})", field, TypeName(value), expected));
}

Status UnknownField(const std::string& where, const std::string& field,
                    const std::vector<std::string>& known) {
  std::string list;
  for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
  return Status::InvalidArgument(
      TrFormat("profile {} has an unknown field '{}' (expected only: {})", where, field, list));
}

Status CheckFields(const json& object, const std::string& where,
                   const std::vector<std::string>& known) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return UnknownField(where, key, known);
    }
  }
  return Status::Ok();
}

// Reads object[key] as a string into `out`; a missing key is an error only when `required`.
Status ReadString(const json& object, const std::string& key, const std::string& field,
                  bool required, std::string& out) {
  auto it = object.find(key);
  if (it == object.end()) {
    if (!required) return Status::Ok();
    return Status::InvalidArgument(
        TrFormat("profile field '{}' is missing (expected text)", field));
  }
  if (!it->is_string()) return WrongType(field, *it, _("text"));
  out = it->get<std::string>();
  return Status::Ok();
}

Status ReadBool(const json& object, const std::string& key, const std::string& field, bool& out) {
  auto it = object.find(key);
  if (it == object.end()) return Status::Ok();
  if (!it->is_boolean()) return WrongType(field, *it, _("true or false"));
  out = it->get<bool>();
  return Status::Ok();
}

Status ReadText(const json& object, const std::string& key, const std::string& field,
                plugin::LocalizedText& out) {
  auto it = object.find(key);
  if (it == object.end()) return Status::Ok();
  if (!it->is_object()) {
    return WrongType(field, *it, _("an object of language codes (en, sv, zh_CN) to texts"));
  }
  for (const auto& [language, text] : it->items()) {
    if (language.empty() || !text.is_string()) {
      return WrongType(field + "." + language, text, _("text"));
    }
    out[language] = text.get<std::string>();
  }
  return Status::Ok();
}

// A FRAME text: an object of language codes to texts, or one text in the language the profile
// was written in (kept under the empty language code: shown to every reader as written).
Status ReadTextOrString(const json& object, const std::string& key, const std::string& field,
                        plugin::LocalizedText& out) {
  auto it = object.find(key);
  if (it == object.end()) return Status::Ok();
  if (it->is_string()) {
    if (!it->get<std::string>().empty()) out[""] = it->get<std::string>();
    return Status::Ok();
  }
  if (!it->is_object()) {
    return WrongType(field, *it,
                     _("text, or an object of language codes (en, sv, zh_CN) to texts"));
  }
  return ReadText(object, key, field, out);
}

Status ReadParameter(const std::string& name, const json& value, plugin::ParameterValue& out) {
  const std::string field = "parameters." + name;
  switch (value.type()) {
    case json::value_t::number_integer: out = value.get<std::int64_t>(); return Status::Ok();
    case json::value_t::number_unsigned:
      if (value.get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        break;
      }
      out = static_cast<std::int64_t>(value.get<std::uint64_t>());
      return Status::Ok();
    case json::value_t::number_float: out = value.get<double>(); return Status::Ok();
    case json::value_t::boolean: out = value.get<bool>(); return Status::Ok();
    case json::value_t::string: out = value.get<std::string>(); return Status::Ok();
    default: break;
  }
  return WrongType(field, value, _("a number, true or false, or text"));
}

Status ReadFrame(const json& record, const std::string& field, plugin::FrameRecord& out) {
  if (!record.is_object()) return WrongType(field, record, _("an object (a FRAME record)"));
  KINBRIDGE_RETURN_IF_ERROR(
      CheckFields(record, TrFormat("FRAME record '{}'", field),
                  {"when", "planned", "decided_by", "what", "level", "nature", "component",
                   "fidelity_consistent", "goal", "reason", "description"}));
  KINBRIDGE_RETURN_IF_ERROR(ReadString(record, "when", field + ".when", false, out.when));
  KINBRIDGE_RETURN_IF_ERROR(ReadBool(record, "planned", field + ".planned", out.planned));
  KINBRIDGE_RETURN_IF_ERROR(
      ReadTextOrString(record, "decided_by", field + ".decided_by", out.decided_by));
  KINBRIDGE_RETURN_IF_ERROR(ReadString(record, "what", field + ".what", false, out.what));
  KINBRIDGE_RETURN_IF_ERROR(ReadString(record, "level", field + ".level", false, out.level));
  KINBRIDGE_RETURN_IF_ERROR(ReadString(record, "nature", field + ".nature", false, out.nature));
  KINBRIDGE_RETURN_IF_ERROR(
      ReadString(record, "component", field + ".component", false, out.component));
  KINBRIDGE_RETURN_IF_ERROR(ReadBool(record, "fidelity_consistent", field + ".fidelity_consistent",
                                     out.fidelity_consistent));
  KINBRIDGE_RETURN_IF_ERROR(ReadTextOrString(record, "goal", field + ".goal", out.goal));
  KINBRIDGE_RETURN_IF_ERROR(ReadTextOrString(record, "reason", field + ".reason", out.reason));
  return ReadText(record, "description", field + ".description", out.description);
}

// The value as the parameter's type holds it: an integer given for a number becomes a number.
plugin::ParameterValue AsDeclared(const plugin::ParameterValue& value, plugin::ParameterType type) {
  if (type == plugin::ParameterType::kNumber && std::holds_alternative<std::int64_t>(value)) {
    return static_cast<double>(std::get<std::int64_t>(value));
  }
  return value;
}

// The base method seen through a profile. Each capability is wrapped: it calls the base's with
// the profile's parameter values laid over the context's. Holds the base (and so its plugin's
// library) for as long as it lives. Thread-safe as the base is: it keeps no mutable state.
class ProfiledMethod final : public plugin::Method {
 public:
  ProfiledMethod(plugin::MethodInfo info, plugin::ParameterValues values,
                 std::shared_ptr<const plugin::Method> base)
      : info_(std::move(info)), values_(std::move(values)), base_(std::move(base)) {}
  ProfiledMethod(const ProfiledMethod&) = delete;
  ProfiledMethod& operator=(const ProfiledMethod&) = delete;

  const plugin::MethodInfo& Info() const override { return info_; }
  const plugin::ContactPlanning* contact_planning() const override {
    return base_->contact_planning() != nullptr ? &contact_ : nullptr;
  }
  const plugin::GroupPlanning* group_planning() const override {
    return base_->group_planning() != nullptr ? &group_ : nullptr;
  }
  const plugin::FollowUp* follow_up() const override {
    return base_->follow_up() != nullptr ? &follow_up_ : nullptr;
  }
  const plugin::Assessment* assessment() const override {
    return base_->assessment() != nullptr ? &assessment_ : nullptr;
  }

 private:
  plugin::MethodContext Overlay(const plugin::MethodContext& ctx) const {
    plugin::MethodContext overlaid = ctx;
    for (const auto& [name, value] : values_) overlaid.parameters[name] = value;
    return overlaid;
  }

  template <typename Capability>
  const Capability& Base(const Capability* capability) const {
    if (capability == nullptr) {
      throw std::logic_error(TrFormat("method {}@{} no longer has a capability it had",
                                      base_->Info().id, base_->Info().version));
    }
    return *capability;
  }

  class Contact final : public plugin::ContactPlanning {
   public:
    explicit Contact(const ProfiledMethod& owner) : owner_(owner) {}
    plugin::ContactProposal Propose(const plugin::CaseSnapshot& child,
                                    const plugin::MethodContext& ctx) const override {
      return owner_.Base(owner_.base_->contact_planning()).Propose(child, owner_.Overlay(ctx));
    }
    plugin::Validation Validate(const plugin::PlanDraft& plan, const plugin::CaseSnapshot& child,
                                const plugin::MethodContext& ctx) const override {
      return owner_.Base(owner_.base_->contact_planning())
          .Validate(plan, child, owner_.Overlay(ctx));
    }

   private:
    const ProfiledMethod& owner_;
  };

  class Group final : public plugin::GroupPlanning {
   public:
    explicit Group(const ProfiledMethod& owner) : owner_(owner) {}
    plugin::GroupProposal FormGroups(const std::vector<plugin::CaseSnapshot>& children,
                                     const plugin::MethodContext& ctx) const override {
      return owner_.Base(owner_.base_->group_planning()).FormGroups(children, owner_.Overlay(ctx));
    }
    plugin::Validation CheckLeader(const plugin::LeaderSnapshot& leader,
                                   const plugin::MethodContext& ctx) const override {
      return owner_.Base(owner_.base_->group_planning()).CheckLeader(leader, owner_.Overlay(ctx));
    }

   private:
    const ProfiledMethod& owner_;
  };

  class Follow final : public plugin::FollowUp {
   public:
    explicit Follow(const ProfiledMethod& owner) : owner_(owner) {}
    int ReviewCadenceMonths(const plugin::CaseSnapshot& child,
                            const plugin::MethodContext& ctx) const override {
      return owner_.Base(owner_.base_->follow_up()).ReviewCadenceMonths(child, owner_.Overlay(ctx));
    }
    plugin::FollowUpReport Review(const plugin::DeliveryRecord& delivered,
                                  const plugin::CaseSnapshot& child,
                                  const plugin::MethodContext& ctx) const override {
      return owner_.Base(owner_.base_->follow_up()).Review(delivered, child, owner_.Overlay(ctx));
    }

   private:
    const ProfiledMethod& owner_;
  };

  class Assess final : public plugin::Assessment {
   public:
    explicit Assess(const ProfiledMethod& owner) : owner_(owner) {}
    std::vector<plugin::ChecklistItem> Checklist(const plugin::MethodContext& ctx) const override {
      return owner_.Base(owner_.base_->assessment()).Checklist(owner_.Overlay(ctx));
    }
    plugin::AssessmentDecision Decide(const std::map<std::string, std::string>& answers,
                                      const plugin::MethodContext& ctx) const override {
      return owner_.Base(owner_.base_->assessment()).Decide(answers, owner_.Overlay(ctx));
    }

   private:
    const ProfiledMethod& owner_;
  };

  plugin::MethodInfo info_;
  plugin::ParameterValues values_;
  std::shared_ptr<const plugin::Method> base_;
  Contact contact_{*this};
  Group group_{*this};
  Follow follow_up_{*this};
  Assess assessment_{*this};
};

}  // namespace

Result<Profile> ParseProfile(const std::string& json_text) {
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::exception& e) {
    std::string reason = e.what();  // "[json.exception.parse_error.101] parse error at ..."
    if (const std::size_t end = reason.find("] ");
        reason.rfind("[json.", 0) == 0 && end != std::string::npos) {
      reason = reason.substr(end + 2);
    }
    return Status::InvalidArgument(TrFormat("profile is not valid JSON: {}", reason));
  }
  if (!root.is_object()) {
    return Status::InvalidArgument(TrFormat(
        "profile is {} (expected a JSON object with id, version, base, base_range, parameters "
        "and frame)",
        TypeName(root)));
  }
  KINBRIDGE_RETURN_IF_ERROR(CheckFields(root, _("file"),
                                        {"id", "version", "base", "base_range", "title",
                                         "description", "origin", "kind", "parameters", "frame"}));
  Profile profile;
  profile.source_json = json_text;
  plugin::MethodInfo& info = profile.info;
  KINBRIDGE_RETURN_IF_ERROR(ReadString(root, "id", "id", true, info.id));
  if (!IsMethodId(info.id)) {
    return Status::InvalidArgument(
        TrFormat("profile field 'id' is '{}' (expected a method id of letters, digits, '.', '-' "
                 "and '_', e.g. cn.huangshan.contact-short)",
                 info.id));
  }
  KINBRIDGE_RETURN_IF_ERROR(ReadString(root, "version", "version", true, info.version));
  if (!IsSemanticVersion(info.version)) {
    return Status::InvalidArgument(
        TrFormat("profile field 'version' is '{}' (expected a semantic version MAJOR.MINOR.PATCH, "
                 "e.g. 1.0.0)",
                 info.version));
  }
  KINBRIDGE_RETURN_IF_ERROR(ReadString(root, "base", "base", true, info.base_id));
  if (!IsMethodId(info.base_id)) {
    return Status::InvalidArgument(
        TrFormat("profile field 'base' is '{}' (expected the id of the method it adapts, e.g. "
                 "se.vara.contact)",
                 info.base_id));
  }
  if (info.base_id == info.id) {
    return Status::InvalidArgument(TrFormat(
        "profile {}: its id is the same as its base's (expected an id of its own)", info.id));
  }
  KINBRIDGE_RETURN_IF_ERROR(ReadString(root, "base_range", "base_range", true, info.base_range));
  if (Result<bool> valid = VersionSatisfies("0.0.0", info.base_range); !valid.ok()) {
    return Status::InvalidArgument(
        TrFormat("profile field 'base_range': {}", valid.status().message()));
  }
  KINBRIDGE_RETURN_IF_ERROR(ReadText(root, "title", "title", info.title));
  KINBRIDGE_RETURN_IF_ERROR(ReadText(root, "description", "description", info.description));
  KINBRIDGE_RETURN_IF_ERROR(ReadTextOrString(root, "origin", "origin", info.origin));
  KINBRIDGE_RETURN_IF_ERROR(ReadString(root, "kind", "kind", false, info.kind));
  if (auto it = root.find("parameters"); it != root.end()) {
    if (!it->is_object()) {
      return WrongType("parameters", *it, _("an object of parameter names to values"));
    }
    for (const auto& [name, value] : it->items()) {
      plugin::ParameterValue parsed;
      KINBRIDGE_RETURN_IF_ERROR(ReadParameter(name, value, parsed));
      profile.parameters[name] = std::move(parsed);
    }
  }
  if (auto it = root.find("frame"); it != root.end()) {
    if (!it->is_array()) return WrongType("frame", *it, _("an array of FRAME records"));
    for (std::size_t i = 0; i < it->size(); ++i) {
      plugin::FrameRecord record;
      KINBRIDGE_RETURN_IF_ERROR(ReadFrame((*it)[i], fmt::format("frame[{}]", i), record));
      info.frame.push_back(std::move(record));
    }
  }
  return profile;
}

Status CheckProfileAgainst(const Profile& profile, const plugin::MethodInfo& base) {
  const plugin::MethodInfo& info = profile.info;
  if (base.id != info.base_id) {
    return Status::InvalidArgument(
        TrFormat("profile {}@{} adapts {}, not {} (expected to be checked against its base)",
                 info.id, info.version, info.base_id, base.id));
  }
  if (Result<bool> in_range = VersionSatisfies(base.version, info.base_range);
      !in_range.ok() || !*in_range) {
    return Status::InvalidArgument(
        TrFormat("profile {}@{} adapts {} in version range {}; version {} is not in that range",
                 info.id, info.version, info.base_id, info.base_range, base.version));
  }
  for (const auto& [name, value] : profile.parameters) {
    auto spec = std::find_if(base.parameters.begin(), base.parameters.end(),
                             [&](const plugin::ParameterSpec& p) { return p.name == name; });
    if (spec == base.parameters.end()) {
      std::string known;
      for (const plugin::ParameterSpec& p : base.parameters) {
        known += (known.empty() ? "" : ", ") + p.name;
      }
      return Status::InvalidArgument(TrFormat(
          "profile {}: parameter '{}' is not a parameter of {}@{} (its parameters: {})", info.id,
          name, base.id, base.version, known.empty() ? std::string(_("none")) : known));
    }
    bool typed = false;
    switch (spec->type) {
      case plugin::ParameterType::kInteger:
        typed = std::holds_alternative<std::int64_t>(value);
        break;
      case plugin::ParameterType::kNumber:
        typed =
            std::holds_alternative<std::int64_t>(value) || std::holds_alternative<double>(value);
        break;
      case plugin::ParameterType::kBoolean: typed = std::holds_alternative<bool>(value); break;
      case plugin::ParameterType::kText: typed = std::holds_alternative<std::string>(value); break;
    }
    if (!typed) {
      return Status::InvalidArgument(TrFormat("profile {}: parameter '{}' is {} {} (expected {})",
                                              info.id, name, ValueTypeName(value), ValueText(value),
                                              TypeName(spec->type)));
    }
    if (spec->type == plugin::ParameterType::kInteger ||
        spec->type == plugin::ParameterType::kNumber) {
      const double number = std::holds_alternative<double>(value)
                                ? std::get<double>(value)
                                : static_cast<double>(std::get<std::int64_t>(value));
      if ((spec->min && number < *spec->min) || (spec->max && number > *spec->max)) {
        std::string bounds;
        if (spec->min && spec->max) {
          bounds = TrFormat("{} to {}", *spec->min, *spec->max);
        } else if (spec->min) {
          bounds = TrFormat("at least {}", *spec->min);
        } else {
          bounds = TrFormat("at most {}", *spec->max);
        }
        return Status::InvalidArgument(
            TrFormat("profile {}: parameter '{}' = {} is out of bounds (expected {})", info.id,
                     name, ValueText(value), bounds));
      }
    }
  }
  return Status::Ok();
}

std::shared_ptr<plugin::Method> ApplyProfile(const Profile& profile,
                                             std::shared_ptr<const plugin::Method> base) {
  if (!base) return nullptr;
  const plugin::MethodInfo& base_info = base->Info();
  plugin::MethodInfo info = profile.info;
  if (info.title.empty()) info.title = base_info.title;
  if (info.description.empty()) info.description = base_info.description;
  if (info.origin.empty()) info.origin = base_info.origin;
  if (info.kind.empty()) info.kind = base_info.kind;
  info.components = base_info.components;
  info.parameters = base_info.parameters;
  plugin::ParameterValues values;
  for (const auto& [name, value] : profile.parameters) {
    auto spec = std::find_if(info.parameters.begin(), info.parameters.end(),
                             [&](const plugin::ParameterSpec& p) { return p.name == name; });
    if (spec == info.parameters.end()) {
      values[name] = value;
      continue;
    }
    spec->default_value = AsDeclared(value, spec->type);
    values[name] = spec->default_value;
  }
  return std::make_shared<ProfiledMethod>(std::move(info), std::move(values), std::move(base));
}

plugin::ParameterValues DefaultParameters(const plugin::MethodInfo& info) {
  plugin::ParameterValues values;
  for (const plugin::ParameterSpec& p : info.parameters) values[p.name] = p.default_value;
  return values;
}

}  // namespace kinbridge::detail
