#include "transfer/payload.h"

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/serialization/binary_object.hpp>
#include <boost/serialization/version.hpp>
#include <istream>
#include <sstream>

#include "common/i18n.h"

// Class versions: raise one when a type's fields change, and keep loading the older ones.
BOOST_CLASS_VERSION(kinbridge::detail::transfer::Text, 1)
BOOST_CLASS_VERSION(kinbridge::detail::transfer::Parameter, 1)
BOOST_CLASS_VERSION(kinbridge::detail::transfer::Component, 1)
BOOST_CLASS_VERSION(kinbridge::detail::transfer::Frame, 2)
BOOST_CLASS_VERSION(kinbridge::detail::transfer::OutcomeCell, 1)
BOOST_CLASS_VERSION(kinbridge::detail::transfer::Payload, 2)

namespace kinbridge::detail::transfer {

namespace {

// Thrown when a claimed size is beyond what the payload can hold.
struct BoundExceeded {
  std::string what;
};
// Thrown when a record has a newer class version than this build knows.
struct NewerVersion {
  std::string what;
};

// Boost.Serialization reads a class version newer than the code's own without complaint (its
// check is compiled out), and the fields of a newer version would be misread as this version's.
// So every type checks the version it is given before reading any field.
template <class Archive, class T>
void CheckVersion(unsigned version, const char* record) {
  if constexpr (Archive::is_loading::value) {
    constexpr unsigned known = boost::serialization::version<T>::value;
    if (version > known) {
      throw NewerVersion{
          TrFormat("its {} record has version {}, this kinbridge reads up to version {}", record,
                   version, known)};
    }
  }
}

// The stream being loaded and its size, so that claimed sizes can be checked against the bytes
// that remain before anything is allocated.
struct LoadLimits {
  std::istream* in = nullptr;
  std::uint64_t total = 0;
  std::uint64_t Remaining() const {
    const auto pos = in->tellg();
    if (pos < 0) return 0;
    const auto at = static_cast<std::uint64_t>(pos);
    return at >= total ? 0 : total - at;
  }
};
thread_local LoadLimits* current_limits = nullptr;

enum class Claim { kString, kList };

void CheckClaim(std::uint64_t claimed, std::uint64_t max, Claim what) {
  if (claimed <= max && current_limits != nullptr && claimed <= current_limits->Remaining()) {
    return;
  }
  throw BoundExceeded{
      what == Claim::kString
          ? TrPlural("a string claims {} byte, more than the package holds or allows",
                     "a string claims {} bytes, more than the package holds or allows",
                     static_cast<unsigned long>(claimed), claimed)
          : TrPlural("a list claims {} element, more than the package holds or allows",
                     "a list claims {} elements, more than the package holds or allows",
                     static_cast<unsigned long>(claimed), claimed)};
}

template <class Archive>
void Field(Archive& ar, std::string& s) {
  std::uint64_t n = s.size();
  ar& n;
  if constexpr (Archive::is_loading::value) {
    CheckClaim(n, kMaxStringBytes, Claim::kString);
    s.assign(static_cast<std::size_t>(n), '\0');
  }
  if (n > 0) ar& boost::serialization::make_binary_object(s.data(), static_cast<std::size_t>(n));
}

template <class Archive, class T>
void Field(Archive& ar, T& value) {
  ar& value;
}

template <class Archive, class T>
void Field(Archive& ar, std::vector<T>& items) {
  std::uint64_t n = items.size();
  ar& n;
  if constexpr (Archive::is_loading::value) {
    CheckClaim(n, kMaxItems, Claim::kList);
    items.clear();
    // Grows only with elements actually read: no reserve from a claimed size.
    for (std::uint64_t i = 0; i < n; ++i) {
      items.emplace_back();
      Field(ar, items.back());
    }
  } else {
    for (T& item : items) Field(ar, item);
  }
}

template <class Archive, class... Fields>
void All(Archive& ar, Fields&... fields) {
  (Field(ar, fields), ...);
}

}  // namespace

template <class Archive>
void serialize(Archive& ar, Text& t, unsigned version) {
  CheckVersion<Archive, Text>(version, "Text");
  All(ar, t.language, t.text);
}
template <class Archive>
void serialize(Archive& ar, Parameter& p, unsigned version) {
  CheckVersion<Archive, Parameter>(version, "Parameter");
  All(ar, p.name, p.type, p.value, p.min, p.max, p.description);
}
template <class Archive>
void serialize(Archive& ar, Component& c, unsigned version) {
  CheckVersion<Archive, Component>(version, "Component");
  All(ar, c.id, c.fidelity, c.title);
}
template <class Archive>
void serialize(Archive& ar, Frame& f, unsigned version) {
  CheckVersion<Archive, Frame>(version, "Frame");
  if (version >= 2) {
    All(ar, f.when, f.decided_by, f.what, f.level, f.nature, f.component, f.goal, f.reason,
        f.planned, f.fidelity_consistent, f.description);
    return;
  }
  // Only loading meets version 1: saving always writes the current version.
  std::string decided_by, goal, reason;
  All(ar, f.when, decided_by, f.what, f.level, f.nature, f.component, goal, reason, f.planned,
      f.fidelity_consistent, f.description);
  auto untagged = [](std::string text) {
    return text.empty() ? std::vector<Text>{} : std::vector<Text>{{"", std::move(text)}};
  };
  f.decided_by = untagged(std::move(decided_by));
  f.goal = untagged(std::move(goal));
  f.reason = untagged(std::move(reason));
}
template <class Archive>
void serialize(Archive& ar, OutcomeCell& c, unsigned version) {
  CheckVersion<Archive, OutcomeCell>(version, "OutcomeCell");
  All(ar, c.period, c.age_band, c.indicator, c.value, c.n);
}
template <class Archive>
void serialize(Archive& ar, Payload& p, unsigned version) {
  CheckVersion<Archive, Payload>(version, "Payload");
  if (version >= 2) {
    All(ar, p.method_id, p.method_version, p.origin);
  } else {  // only loading meets version 1
    std::string origin;
    All(ar, p.method_id, p.method_version, origin);
    if (!origin.empty()) p.origin = {{"", std::move(origin)}};
  }
  All(ar, p.kind, p.source, p.title, p.description, p.capabilities, p.parameters, p.components,
      p.base_id, p.base_range, p.frame, p.chain, p.profile_json, p.municipality_code,
      p.municipality_name, p.municipality_country, p.created_at, p.kinbridge_version, p.outcomes);
}

std::string SavePayload(const Payload& payload) {
  std::ostringstream out;
  {
    boost::archive::text_oarchive ar(out, boost::archive::no_codecvt);
    Payload copy = payload;
    ar << copy;
    std::string sentinel(kPayloadSentinel);
    Field(ar, sentinel);
  }
  return out.str();
}

Result<Payload> LoadPayload(std::string_view bytes) {
  std::istringstream in{std::string(bytes)};
  LoadLimits limits{&in, bytes.size()};
  current_limits = &limits;
  struct Reset {
    ~Reset() { current_limits = nullptr; }
  } reset;
  // Boost reads the archive's own signature as a length-prefixed string and resizes to the
  // claimed length before reading it: check it here so no claim reaches that resize.
  constexpr std::string_view kArchiveStart = "22 serialization::archive ";
  if (bytes.substr(0, kArchiveStart.size()) != kArchiveStart) {
    return Status::InvalidArgument(
        _("the package's payload is damaged (it does not start as an archive)"));
  }
  try {
    Payload payload;
    std::string sentinel;
    {
      boost::archive::text_iarchive ar(in, boost::archive::no_codecvt);
      ar >> payload;
      Field(ar, sentinel);
    }
    if (in.fail()) {
      return Status::InvalidArgument(_("the package's payload is damaged (it ends too early)"));
    }
    if (sentinel != kPayloadSentinel) {
      return Status::InvalidArgument(
          _("the package's payload is damaged (its end marker is missing)"));
    }
    in >> std::ws;
    if (in.peek() != std::char_traits<char>::eof()) {
      return Status::InvalidArgument(
          _("the package's payload is damaged (there are bytes after its end marker)"));
    }
    return payload;
  } catch (const BoundExceeded& e) {
    return Status::InvalidArgument(TrFormat("the package's payload is refused: {}", e.what));
  } catch (const NewerVersion& e) {
    return Status::Incompatible(TrFormat(
        "the package was made by a newer kinbridge ({}); upgrade kinbridge to read it", e.what));
  } catch (const boost::archive::archive_exception& e) {
    if (e.code == boost::archive::archive_exception::unsupported_class_version ||
        e.code == boost::archive::archive_exception::unsupported_version) {
      return Status::Incompatible(
          TrFormat("the package was made by a newer kinbridge ({}); upgrade kinbridge to read it",
                   e.what()));
    }
    return Status::InvalidArgument(
        TrFormat("the package's payload is damaged and cannot be read ({})", e.what()));
  } catch (const std::exception& e) {
    return Status::InvalidArgument(
        TrFormat("the package's payload is damaged and cannot be read ({})", e.what()));
  }
}

}  // namespace kinbridge::detail::transfer
