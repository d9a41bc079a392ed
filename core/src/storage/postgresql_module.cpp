// The PostgreSQL module itself (kinbridge_postgresql.so): the only code that links libpq and
// SOCI's PostgreSQL backend. It holds no user-facing text; the library words the messages.
#include "storage/postgresql_module.h"

#include <string_view>

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <boost/config.hpp>

#include "kinbridge/version.h"

namespace kinbridge::detail {
namespace {

const soci::backend_factory* Factory() { return soci::factory_postgresql(); }

bool ParseConninfo(const std::string& conninfo, std::string& redacted, std::string& reason) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (options == nullptr) {
    reason = error != nullptr ? error : "out of memory";
    if (error != nullptr) PQfreemem(error);
    while (!reason.empty() && reason.back() == '\n') reason.pop_back();
    return false;
  }
  redacted.clear();
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    if (!redacted.empty()) redacted += ' ';
    redacted += o->keyword;
    redacted += '=';
    redacted += std::string_view(o->keyword) == "password" ? std::string_view("***")
                                                           : std::string_view(o->val);
  }
  PQconninfoFree(options);
  return true;
}

std::string Sqlstate(const std::exception& error) {
  const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error);
  return pg != nullptr ? pg->sqlstate() : std::string();
}

}  // namespace
}  // namespace kinbridge::detail

// The one symbol the module exports; the library finds it by kPostgresqlModuleSymbol.
extern "C" BOOST_SYMBOL_EXPORT const kinbridge::detail::PostgresqlModule
    kinbridge_postgresql_module;
const kinbridge::detail::PostgresqlModule kinbridge_postgresql_module{
    kinbridge::detail::kPostgresqlModuleInterface,
    KINBRIDGE_VERSION_STRING,
    &kinbridge::detail::Factory,
    &kinbridge::detail::ParseConninfo,
    &kinbridge::detail::Sqlstate,
};
