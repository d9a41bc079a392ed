#include "transfer/files.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "common/i18n.h"
#include "common/system_error.h"
#include "kinbridge/plugin/text.h"

namespace kinbridge::detail::transfer {

namespace {

constexpr std::string_view kKeyHeader = "kinbridge-transfer-secret-key-v1\n";

plugin::LocalizedText Texts(const std::vector<Text>& texts) {
  plugin::LocalizedText out;
  for (const Text& t : texts) out.emplace(t.language, t.text);
  return out;
}

// The text in the reader's language, else the nearest the package carries (see InLanguage).
std::string LanguageText(const std::vector<Text>& texts) {
  return plugin::InLanguage(Texts(texts), CurrentLanguage());
}

// The language LanguageText picks from `texts` ("" when none or not said).
std::string PickedLanguage(const std::vector<Text>& texts) {
  const std::string picked = LanguageText(texts);
  for (const Text& t : texts) {
    if (t.text == picked) return t.language;
  }
  return {};
}

}  // namespace

Result<std::string> ReadCapped(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Status::IoError(TrFormat("cannot open {}: {}", file, SystemErrorText(errno)));
  }
  std::string bytes(kMaxPackageBytes + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (bytes.size() > kMaxPackageBytes) {
    return Status::InvalidArgument(
        TrPlural("{} is larger than the {} byte a transfer package may have",
                 "{} is larger than the {} bytes a transfer package may have",
                 static_cast<unsigned long>(kMaxPackageBytes), file, kMaxPackageBytes));
  }
  return bytes;
}

Status WriteAtomically(const std::string& file, const std::string& bytes, bool exclusive,
                       unsigned mode) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (exclusive && fs::exists(file, ec)) {
    return Status::AlreadyExists(TrFormat("{} already exists; choose another file", file));
  }
  const fs::path target = fs::absolute(file, ec);
  const std::string temp =
      (target.parent_path() / ("." + target.filename().string() + ".tmp")).string() +
      std::to_string(::getpid());
  const int fd =
      ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) {
    return Status::IoError(TrFormat("cannot write {}: {}", file, SystemErrorText(errno)));
  }
  ::fchmod(fd, static_cast<mode_t>(mode));
  std::size_t written = 0;
  bool ok = true;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) {
      ok = false;
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (ok && exclusive) {
    // link() fails if the target exists, so a file made meanwhile is not overwritten either.
    const bool linked = ::link(temp.c_str(), target.c_str()) == 0;
    const int err = errno;
    ::unlink(temp.c_str());
    if (!linked && err == EEXIST) {
      return Status::AlreadyExists(TrFormat("{} already exists; choose another file", file));
    }
    if (!linked) {
      return Status::IoError(TrFormat("cannot write {}: {}", file, SystemErrorText(err)));
    }
    return Status::Ok();
  }
  if (!ok || ::rename(temp.c_str(), target.c_str()) != 0) {
    const int err = ok ? errno : saved;
    ::unlink(temp.c_str());
    return Status::IoError(TrFormat("cannot write {}: {}", file, SystemErrorText(err)));
  }
  return Status::Ok();
}

Result<SecretKey> ReadSecretKey(const std::string& key_file) {
  std::ifstream in(key_file, std::ios::binary);
  if (!in) {
    return Status::IoError(
        TrFormat("cannot open key file {}: {}", key_file, SystemErrorText(errno)));
  }
  std::string text(4096, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  SecretKey key{};
  std::size_t length = 0;
  if (text.rfind(kKeyHeader, 0) != 0 ||
      sodium_hex2bin(key.data(), key.size(), text.data() + kKeyHeader.size(),
                     text.size() - kKeyHeader.size(), "\n", &length, nullptr) != 0 ||
      length != key.size()) {
    return Status::InvalidArgument(TrFormat(
        "{} is not a kinbridge transfer key file (make one with `kinbridge transfer keygen`)",
        key_file));
  }
  return key;
}

TransferPackage ToPublic(const OpenedPackage& opened, const Payload& p) {
  TransferPackage t;
  t.format_version = opened.format_version;
  t.package_sha256 = opened.package_sha256;
  t.payload_sha256 = opened.payload_sha256;
  t.is_signed = opened.is_signed;
  t.signer_public_key = opened.signer_public_key;
  MethodDescription& m = t.method;
  m.id = p.method_id;
  m.version = p.method_version;
  m.title = LanguageText(p.title);
  t.title_language = PickedLanguage(p.title);
  m.description = LanguageText(p.description);
  m.origin = LanguageText(p.origin);
  m.kind = p.kind;
  m.capabilities = p.capabilities;
  for (const Parameter& x : p.parameters) {
    m.parameters.push_back({x.name, x.type, x.value, x.min, x.max, LanguageText(x.description)});
  }
  for (const Component& c : p.components) {
    m.components.push_back({c.id, LanguageText(c.title), c.fidelity});
  }
  m.base_id = p.base_id;
  m.base_range = p.base_range;
  for (const Frame& f : p.frame) {
    FrameChange c;
    c.when = f.when;
    c.decided_by = LanguageText(f.decided_by);
    c.what = f.what;
    c.level = f.level;
    c.nature = f.nature;
    c.component = f.component;
    c.goal = LanguageText(f.goal);
    c.reason = LanguageText(f.reason);
    c.planned = f.planned;
    c.fidelity_consistent = f.fidelity_consistent;
    c.description = LanguageText(f.description);
    m.frame.push_back(std::move(c));
  }
  m.chain = p.chain;
  m.source = p.source;
  t.profile_json = p.profile_json;
  t.municipality_code = p.municipality_code;
  t.municipality_name = p.municipality_name;
  t.municipality_country = p.municipality_country;
  t.created_at = p.created_at;
  t.kinbridge_version = p.kinbridge_version;
  for (const OutcomeCell& c : p.outcomes) {
    t.outcomes.push_back({c.period, c.age_band, c.indicator, c.value, c.n});
  }
  return t;
}

Result<ReadPackage> ReadPackageFile(const std::string& package_file, const Trust& trust) {
  if (sodium_init() < 0) return Status::Internal(_("libsodium could not be initialised"));
  Result<std::string> bytes = ReadCapped(package_file);
  if (!bytes.ok()) return bytes.status();
  Result<OpenedPackage> opened = OpenPackage(*bytes, trust);
  if (!opened.ok()) {
    return Status(opened.status().code(),
                  TrFormat("{}: {}", package_file, opened.status().message()));
  }
  Result<Payload> payload = LoadPayload(opened->payload);
  if (!payload.ok()) {
    return Status(payload.status().code(),
                  TrFormat("{}: {}", package_file, payload.status().message()));
  }
  ReadPackage read{ToPublic(*opened, *payload), std::move(*payload)};
  return read;
}

}  // namespace kinbridge::detail::transfer

namespace kinbridge {
inline namespace v1 {

namespace t = detail::transfer;

Result<std::string> GenerateTransferKey(const std::string& key_file) {
  if (sodium_init() < 0) return Status::Internal(_("libsodium could not be initialised"));
  t::PublicKey pk{};
  t::SecretKey sk{};
  crypto_sign_keypair(pk.data(), sk.data());
  std::string text(t::kKeyHeader);
  text += t::Hex(sk.data(), sk.size()) + "\n";
  sodium_memzero(sk.data(), sk.size());
  Status written = t::WriteAtomically(key_file, text, true, 0600);
  sodium_memzero(text.data(), text.size());
  if (!written.ok()) return written;
  return t::Hex(pk.data(), pk.size());
}

Result<std::string> SignTransferPackage(const std::string& package_file,
                                        const std::string& key_file) {
  if (sodium_init() < 0) return Status::Internal(_("libsodium could not be initialised"));
  Result<t::SecretKey> key = t::ReadSecretKey(key_file);
  if (!key.ok()) return key.status();
  Result<std::string> bytes = t::ReadCapped(package_file);
  if (!bytes.ok()) return bytes.status();
  Result<std::string> signed_bytes = t::SignPackage(*bytes, *key);
  t::PublicKey pk{};
  crypto_sign_ed25519_sk_to_pk(pk.data(), key->data());
  sodium_memzero(key->data(), key->size());
  if (!signed_bytes.ok()) {
    return Status(signed_bytes.status().code(),
                  TrFormat("{}: {}", package_file, signed_bytes.status().message()));
  }
  Status written = t::WriteAtomically(package_file, *signed_bytes, false, 0644);
  if (!written.ok()) return written;
  return t::Hex(pk.data(), pk.size());
}

Result<TransferPackage> ReadTransferPackage(const std::string& package_file,
                                            const TransferTrust& trust) {
  Result<t::ReadPackage> read =
      t::ReadPackageFile(package_file, t::Trust{trust.trusted_keys, trust.require_signed});
  if (!read.ok()) return read.status();
  return std::move(read->package);
}

}  // namespace v1
}  // namespace kinbridge
