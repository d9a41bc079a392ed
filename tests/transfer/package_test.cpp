// The transfer package format against damaged and hostile input: every check of the reader
// (size cap, magic, version, sizes, checksum, signature, trust, bounded collections and strings,
// stream state, sentinel) refuses what it should, without crashing or allocating from a claim.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "kinbridge/transfer.h"
#include "transfer/files.h"
#include "transfer/package.h"
#include "transfer/payload.h"

namespace kinbridge::detail::transfer {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

Payload Sample() {
  Payload p;
  p.method_id = "se.vara.contact";
  p.method_version = "1.2.0";
  p.origin = {{"en", "Vara, Sweden"}, {"zh_CN", "瑞典瓦拉"}};
  p.kind = "contact";
  p.source = "profile";
  p.title = {
      {"en", "Vara contact method"}, {"sv", "Vara umgängesmetod"}, {"zh_CN", "瓦拉亲情联系方法"}};
  p.description = {{"en", "Keeps children in contact with their families."}};
  p.capabilities = {"contact-planning", "follow-up"};
  p.parameters = {{"review_months", "integer", "3", "1", "12", {{"en", "Months between reviews"}}}};
  p.components = {{"child-view", "essential", {{"en", "The child's view"}}}};
  p.base_id = "se.vara.contact";
  p.base_range = "^1";
  Frame f;
  f.when = "implementation";
  f.decided_by = {{"en", "programme manager"}, {"sv", "programansvarig"}};
  f.what = "content";
  f.level = "group";
  f.nature = "tailoring";
  f.component = "parent-contact";
  f.goal = {{"en", "improve fit"}};
  f.reason = {{"en", "parents work away"}, {"zh_CN", "父母在外地务工"}};
  f.planned = false;
  f.fidelity_consistent = false;
  f.description = {{"en", "Video calls on Sundays"}};
  p.frame = {f};
  p.chain = {"se.vara.contact.short@1.2.0", "se.vara.contact@1.0.0"};
  p.profile_json = R"({"id": "se.vara.contact.short"})";
  p.municipality_code = "VAR";
  p.municipality_name = "Vara";
  p.municipality_country = "SE";
  p.created_at = "2026-11-29T10:00:00Z";
  p.kinbridge_version = "0.1.0";
  p.outcomes = {{"2026-H2", "8-10", "adherence", 0.75, 12}};
  return p;
}

SecretKey NewKey(PublicKey* pk = nullptr) {
  PublicKey public_key{};
  SecretKey secret{};
  crypto_sign_keypair(public_key.data(), secret.data());
  if (pk != nullptr) *pk = public_key;
  return secret;
}

// A package around `payload` with a correct checksum: what the bound checks must refuse alone.
std::string Checksummed(const std::string& payload) { return BuildPackage(payload); }

std::string Signed(const std::string& package, const SecretKey& key) {
  Result<std::string> s = SignPackage(package, key);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? *s : std::string();
}

void PutU64(std::string& bytes, std::size_t at, std::uint64_t v) {
  for (std::size_t i = 0; i < 8; ++i) bytes[at + i] = static_cast<char>(v >> (8 * i));
}

class TransferPackageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_GE(sodium_init(), 0); }
};

TEST_F(TransferPackageTest, RoundTripKeepsEveryField) {
  const std::string package = Checksummed(SavePayload(Sample()));
  Result<OpenedPackage> opened = OpenPackage(package, Trust{});
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  EXPECT_EQ(opened->format_version, kFormatVersion);
  EXPECT_FALSE(opened->is_signed);
  Result<Payload> p = LoadPayload(opened->payload);
  ASSERT_TRUE(p.ok()) << p.status().message();
  const Payload s = Sample();
  EXPECT_EQ(p->method_id, s.method_id);
  EXPECT_EQ(p->method_version, s.method_version);
  ASSERT_EQ(p->title.size(), 3u);
  EXPECT_EQ(p->title[2].text, "瓦拉亲情联系方法");
  EXPECT_EQ(p->capabilities, s.capabilities);
  ASSERT_EQ(p->parameters.size(), 1u);
  EXPECT_EQ(p->parameters[0].max, "12");
  ASSERT_EQ(p->frame.size(), 1u);
  EXPECT_FALSE(p->frame[0].planned);
  EXPECT_FALSE(p->frame[0].fidelity_consistent);
  EXPECT_EQ(p->frame[0].description[0].text, "Video calls on Sundays");
  ASSERT_EQ(p->frame[0].reason.size(), 2u);
  EXPECT_EQ(p->frame[0].reason[1].language, "zh_CN");
  EXPECT_EQ(p->frame[0].reason[1].text, "父母在外地务工");
  ASSERT_EQ(p->frame[0].decided_by.size(), 2u);
  EXPECT_EQ(p->frame[0].decided_by[1].text, "programansvarig");
  ASSERT_EQ(p->frame[0].goal.size(), 1u);
  EXPECT_EQ(p->chain, s.chain);
  EXPECT_EQ(p->profile_json, s.profile_json);
  EXPECT_EQ(p->municipality_code, "VAR");
  ASSERT_EQ(p->outcomes.size(), 1u);
  EXPECT_DOUBLE_EQ(p->outcomes[0].value, 0.75);
  EXPECT_EQ(p->outcomes[0].n, 12);
}

TEST_F(TransferPackageTest, SignedRoundTripNamesTheSigner) {
  PublicKey pk{};
  const SecretKey key = NewKey(&pk);
  const std::string package = Signed(Checksummed(SavePayload(Sample())), key);
  Result<OpenedPackage> opened = OpenPackage(package, Trust{{Hex(pk.data(), pk.size())}, true});
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  EXPECT_TRUE(opened->is_signed);
  EXPECT_EQ(opened->signer_public_key, Hex(pk.data(), pk.size()));
  // The same key in base64 is accepted too.
  std::string b64(sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), pk.data(), pk.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.resize(std::strlen(b64.c_str()));
  EXPECT_TRUE(OpenPackage(package, Trust{{b64}, true}).ok());
}

TEST_F(TransferPackageTest, TruncatedAtEvery97thByteIsRefused) {
  const std::string package = Signed(Checksummed(SavePayload(Sample())), NewKey());
  for (std::size_t n = 0; n < package.size(); n += 97) {
    EXPECT_FALSE(OpenPackage(package.substr(0, n), Trust{}).ok()) << "truncated at " << n;
  }
  // Truncated payloads given a valid checksum: the stream state and the sentinel refuse them.
  const std::string payload = SavePayload(Sample());
  for (std::size_t n = 0; n < payload.size(); n += 97) {
    const std::string cut = payload.substr(0, n);
    Result<OpenedPackage> opened = OpenPackage(Checksummed(cut), Trust{});
    ASSERT_TRUE(opened.ok());
    EXPECT_FALSE(LoadPayload(opened->payload).ok()) << "payload truncated at " << n;
  }
}

TEST_F(TransferPackageTest, EverySingleBitFlipIsRefused) {
  const std::string package = Signed(Checksummed(SavePayload(Sample())), NewKey());
  for (std::size_t at = 0; at < package.size(); at += 7) {
    std::string damaged = package;
    damaged[at] = static_cast<char>(damaged[at] ^ (1 << (at % 8)));
    EXPECT_FALSE(OpenPackage(damaged, Trust{}).ok()) << "bit flipped at byte " << at;
  }
}

TEST_F(TransferPackageTest, BitFlipsInAChecksummedPayloadNeverCrash) {
  const std::string payload = SavePayload(Sample());
  for (std::size_t at = 0; at < payload.size(); at += 5) {
    std::string damaged = payload;
    damaged[at] = static_cast<char>(damaged[at] ^ (1 << (at % 8)));
    Result<OpenedPackage> opened = OpenPackage(Checksummed(damaged), Trust{});
    ASSERT_TRUE(opened.ok());
    // Either refused or read; never a crash, a hang or a huge allocation.
    (void)LoadPayload(opened->payload);
  }
}

TEST_F(TransferPackageTest, WrongMagicIsRefused) {
  std::string package = Checksummed(SavePayload(Sample()));
  package[0] = 'X';
  Result<OpenedPackage> opened = OpenPackage(package, Trust{});
  ASSERT_FALSE(opened.ok());
  EXPECT_THAT(opened.status().message(), HasSubstr("not a kinbridge transfer package"));
  EXPECT_FALSE(OpenPackage("PK\3\4 a zip file", Trust{}).ok());
  EXPECT_FALSE(OpenPackage("", Trust{}).ok());
}

TEST_F(TransferPackageTest, NewerFormatVersionIsRefusedNamingBothVersions) {
  std::string package = Checksummed(SavePayload(Sample()));
  package[8] = 2;
  Result<OpenedPackage> opened = OpenPackage(package, Trust{});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), ErrorCode::kIncompatible);
  EXPECT_THAT(opened.status().message(), HasSubstr("format version 2"));
  EXPECT_THAT(opened.status().message(), HasSubstr("up to 1"));
}

TEST_F(TransferPackageTest, HugeClaimedPayloadSizeInTheHeaderIsRefused) {
  for (std::uint64_t claim : {std::uint64_t{1} << 30, std::uint64_t{1} << 62, ~std::uint64_t{0}}) {
    std::string package = Checksummed(SavePayload(Sample()));
    PutU64(package, 16, claim);
    Result<OpenedPackage> opened = OpenPackage(package, Trust{});
    ASSERT_FALSE(opened.ok());
    EXPECT_THAT(opened.status().message(), HasSubstr("claims a payload of"));
  }
}

// Replaces the only occurrence of `from` in `text`.
std::string ReplaceOnce(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << from << " is not unique";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST_F(TransferPackageTest, HugeCollectionInAChecksummedPayloadIsRefusedByTheBound) {
  Payload p = Sample();
  p.capabilities.assign(4242, "x");
  const std::string original = SavePayload(p);
  for (const char* claim : {"1073741824", "10001", "4243"}) {
    const std::string crafted = ReplaceOnce(original, "\n4242 ", std::string("\n") + claim + " ");
    Result<OpenedPackage> opened = OpenPackage(Checksummed(crafted), Trust{});
    ASSERT_TRUE(opened.ok()) << opened.status().message();  // the checksum is right
    Result<Payload> loaded = LoadPayload(opened->payload);
    ASSERT_FALSE(loaded.ok()) << claim;
    EXPECT_EQ(loaded.status().code(), ErrorCode::kInvalidArgument);
  }
  // The first two are refused before anything is read: the bound names the claim.
  const std::string crafted = ReplaceOnce(original, "\n4242 ", "\n1073741824 ");
  Result<Payload> loaded = LoadPayload(crafted);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(), HasSubstr("1073741824"));
}

TEST_F(TransferPackageTest, HugeStringInAChecksummedPayloadIsRefusedByTheBound) {
  Payload p = Sample();
  p.profile_json = std::string(3333, 'y');
  const std::string original = SavePayload(p);
  for (const char* claim : {"1073741824", "18446744073709551615", "3334"}) {
    const std::string crafted = ReplaceOnce(original, "\n3333\n", std::string("\n") + claim + "\n");
    Result<OpenedPackage> opened = OpenPackage(Checksummed(crafted), Trust{});
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    EXPECT_FALSE(LoadPayload(opened->payload).ok()) << claim;
  }
}

std::string Base64(std::string_view text) {
  std::string out(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                    text.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

TEST_F(TransferPackageTest, HugeArchiveSignatureClaimIsRefusedBeforeBoostReadsIt) {
  // Boost itself resizes a string to the length claimed for the archive's signature.
  const std::string payload = SavePayload(Sample());
  ASSERT_EQ(payload.rfind("22 serialization::archive ", 0), 0u);
  const std::string crafted = "2000000000" + payload.substr(2);
  Result<OpenedPackage> opened = OpenPackage(Checksummed(crafted), Trust{});
  ASSERT_TRUE(opened.ok());
  Result<Payload> loaded = LoadPayload(opened->payload);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(), HasSubstr("does not start as an archive"));
}

// Found with the fuzzer's seed corpus: Boost reads a newer class version without complaint and
// would read the newer fields as this version's.
TEST_F(TransferPackageTest, NewerClassVersionInAChecksummedPayloadIsRefusedAsIncompatible) {
  const std::string payload = SavePayload(Sample());
  // "22 serialization::archive <boost archive version> 0 2 ...": the Payload record's tracking
  // level and class version; the first Text record, the origin's, carries its own ("2 0 1 2":
  // two texts, tracking level, version, the first string's length).
  const std::size_t at = payload.find(' ', std::string_view("22 serialization::archive ").size());
  ASSERT_EQ(payload.substr(at, 5), " 0 2 ");
  std::string newer_payload = payload;
  newer_payload.replace(at, 5, " 0 3 ");
  const std::string newer_text = ReplaceOnce(payload, "\n2 0 1 2\n", "\n2 0 7 2\n");
  struct Crafted {
    std::string bytes;
    const char* record;
    const char* known;
  };
  for (const Crafted& c :
       {Crafted{newer_payload, "Payload record has version 3", "reads up to version 2"},
        Crafted{newer_text, "Text record has version 7", "reads up to version 1"}}) {
    Result<OpenedPackage> opened = OpenPackage(Checksummed(c.bytes), Trust{});
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    Result<Payload> loaded = LoadPayload(opened->payload);
    ASSERT_FALSE(loaded.ok()) << c.record;
    EXPECT_EQ(loaded.status().code(), ErrorCode::kIncompatible);
    EXPECT_THAT(loaded.status().message(), HasSubstr(c.record));
    EXPECT_THAT(loaded.status().message(), HasSubstr(c.known));
  }
}

// Packages written before FRAME texts were kept per language (Frame record version 1) still
// load: their one text per field is kept as written. The fuzzer's seed of Huangshan's signed
// package is such a package (after the seed's first byte, which picks the fuzzer's mode).
TEST_F(TransferPackageTest, FrameRecordsOfTheFirstVersionStillLoad) {
  std::ifstream in(std::string(KINBRIDGE_FUZZ_CORPUS_DIR) + "/0-huangshan-group-signed",
                   std::ios::binary);
  ASSERT_TRUE(in);
  const std::string seed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(seed.size(), 1u);
  Result<OpenedPackage> opened = OpenPackage(std::string_view(seed).substr(1), Trust{});
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  Result<Payload> p = LoadPayload(opened->payload);
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_FALSE(p->frame.empty());
  for (const Frame& f : p->frame) {
    ASSERT_EQ(f.reason.size(), 1u);
    EXPECT_EQ(f.reason[0].language, "");
    EXPECT_FALSE(f.reason[0].text.empty());
    ASSERT_EQ(f.decided_by.size(), 1u);
    EXPECT_EQ(f.decided_by[0].text, "programme manager with Vara's method developer");
  }
  EXPECT_EQ(p->frame[0].reason[0].text, "in China work with children is more often done in groups");
  // The method's origin was one text then too (Payload record version 1).
  ASSERT_EQ(p->origin.size(), 1u);
  EXPECT_EQ(p->origin[0].text, "Huangshan, CN");
}

TEST_F(TransferPackageTest, WrongSentinelOrTrailingBytesAreRefused) {
  const std::string payload = SavePayload(Sample());
  ASSERT_TRUE(LoadPayload(payload).ok());
  const std::string other = "kinbridge-transfer-payload-XXX";
  ASSERT_EQ(other.size(), kPayloadSentinel.size());
  const std::string crafted = ReplaceOnce(payload, Base64(kPayloadSentinel), Base64(other));
  Result<Payload> loaded = LoadPayload(crafted);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(), HasSubstr("end marker"));
  loaded = LoadPayload(payload + "1 2 3");
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(), HasSubstr("after its end marker"));
}

TEST_F(TransferPackageTest, BadSignatureIsRefused) {
  const SecretKey key = NewKey();
  const std::string package = Signed(Checksummed(SavePayload(Sample())), key);
  std::string damaged = package;
  damaged[100] = static_cast<char>(damaged[100] ^ 1);  // inside the signature
  Result<OpenedPackage> opened = OpenPackage(damaged, Trust{});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), ErrorCode::kPermissionDenied);
  // A changed payload with a recomputed checksum still fails the signature.
  Payload changed = Sample();
  changed.method_version = "9.9.9";
  std::string forged = Checksummed(SavePayload(changed));
  forged.replace(56, kHeaderSize - 56, package.substr(56, kHeaderSize - 56));
  forged[10] = static_cast<char>(kFlagSigned);
  opened = OpenPackage(forged, Trust{});
  ASSERT_FALSE(opened.ok());
  EXPECT_THAT(opened.status().message(), HasSubstr("signature is not valid"));
}

TEST_F(TransferPackageTest, UnsignedWhereSigningIsRequiredIsRefused) {
  const std::string package = Checksummed(SavePayload(Sample()));
  EXPECT_TRUE(OpenPackage(package, Trust{}).ok());
  Result<OpenedPackage> opened = OpenPackage(package, Trust{{}, true});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_THAT(opened.status().message(), HasSubstr("not signed"));
  // Trusted keys imply a signature.
  PublicKey pk{};
  NewKey(&pk);
  EXPECT_FALSE(OpenPackage(package, Trust{{Hex(pk.data(), pk.size())}, false}).ok());
}

TEST_F(TransferPackageTest, UntrustedKeyIsRefused) {
  PublicKey other{};
  NewKey(&other);
  const std::string package = Signed(Checksummed(SavePayload(Sample())), NewKey());
  Result<OpenedPackage> opened =
      OpenPackage(package, Trust{{Hex(other.data(), other.size())}, true});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_THAT(opened.status().message(), HasSubstr("not among the trusted keys"));
  EXPECT_FALSE(OpenPackage(package, Trust{{"not-a-key"}, true}).ok());
}

class TransferFileTest : public TransferPackageTest {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = fs::temp_directory_path() / ("kinbridge-transfer-" + std::to_string(random()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string PathIn(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(TransferFileTest, KeygenWritesAPrivateFileAndRefusesToOverwrite) {
  Result<std::string> pk = GenerateTransferKey(PathIn("k.key"));
  ASSERT_TRUE(pk.ok()) << pk.status().message();
  EXPECT_EQ(pk->size(), 64u);
  struct stat st {};
  ASSERT_EQ(::stat(PathIn("k.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  Result<std::string> again = GenerateTransferKey(PathIn("k.key"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), ErrorCode::kAlreadyExists);
  // No temporary file is left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(TransferFileTest, SignAndReadAFile) {
  Result<std::string> pk = GenerateTransferKey(PathIn("k.key"));
  ASSERT_TRUE(pk.ok());
  {
    std::ofstream out(PathIn("p.kbx"), std::ios::binary);
    out << Checksummed(SavePayload(Sample()));
  }
  Result<std::string> signer = SignTransferPackage(PathIn("p.kbx"), PathIn("k.key"));
  ASSERT_TRUE(signer.ok()) << signer.status().message();
  EXPECT_EQ(*signer, *pk);
  Result<TransferPackage> read = ReadTransferPackage(PathIn("p.kbx"), TransferTrust{{*pk}, true});
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_TRUE(read->is_signed);
  EXPECT_EQ(read->method.id, "se.vara.contact");
  EXPECT_EQ(read->method.title, "Vara contact method");
  EXPECT_EQ(read->method.chain.size(), 2u);
  EXPECT_TRUE(read->method.plugin_file.empty());
  // A file that is not a key is refused with a hint.
  Result<std::string> bad = SignTransferPackage(PathIn("p.kbx"), PathIn("p.kbx"));
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("transfer keygen"));
}

TEST_F(TransferFileTest, OversizedFileIsRefusedBeforeItIsRead) {
  {
    std::ofstream out(PathIn("big.kbx"), std::ios::binary);
    std::string block(1 << 20, 'A');
    for (int i = 0; i < 17; ++i) out << block;
  }
  Result<TransferPackage> read = ReadTransferPackage(PathIn("big.kbx"));
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.status().message(), HasSubstr("larger than"));
  Result<TransferPackage> missing = ReadTransferPackage(PathIn("missing.kbx"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kIoError);
}

}  // namespace
}  // namespace kinbridge::detail::transfer
