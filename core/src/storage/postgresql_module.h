// The PostgreSQL module: everything that needs libpq, in a shared library of its own
// (kinbridge_postgresql.so) that the kinbridge library loads only when a workspace location names
// a PostgreSQL database. libpq brings some thirty libraries with it (OpenSSL, Kerberos, LDAP,
// SASL, ...); loading and relocating them took most of the start-up time of every command, even
// on a SQLite file (docs/performance.md).
//
// The module is built with the library from the same sources and installed beside it, so the
// interface is plain C++ (std::string, std::exception); the version and build id below refuse a
// module left over from another build.
#pragma once

#include <exception>
#include <string>

#include <soci/soci-backend.h>

#include "kinbridge/result.h"

namespace kinbridge::detail {

// The file's name, and the name of the descriptor it exports.
inline constexpr const char* kPostgresqlModuleFile = "kinbridge_postgresql.so";
inline constexpr const char* kPostgresqlModuleSymbol = "kinbridge_postgresql_module";
// Changed whenever PostgresqlModule changes.
inline constexpr int kPostgresqlModuleInterface = 1;

// What the module exports (a constant object named kPostgresqlModuleSymbol). Every function is
// thread-safe and throws nothing but std::bad_alloc.
struct PostgresqlModule {
  int interface_version;          // kPostgresqlModuleInterface when the module was built
  const char* kinbridge_version;  // KINBRIDGE_VERSION_STRING when the module was built
  // SOCI's PostgreSQL backend, for soci::session::open.
  const soci::backend_factory* (*factory)();
  // Parses libpq key=value pairs ("host=db1 dbname=kb"). On success returns true and sets
  // `redacted` to the pairs with the password's value replaced by "***"; otherwise returns false
  // and sets `reason` to libpq's words (English, one line).
  bool (*parse_conninfo)(const std::string& conninfo, std::string& redacted, std::string& reason);
  // The SQLSTATE of an error thrown by the PostgreSQL backend ("23505"), or "" when `error` is
  // not one.
  std::string (*sqlstate)(const std::exception& error);
};

// The module, loaded on first use and kept for the life of the process (sessions and exceptions
// it made may outlive every Database). A missing or unloadable module is an IoError naming the
// file, where kinbridge looked, and what to install; the next call tries again. The file is
// looked for in KINBRIDGE_MODULE_DIR when set (and only there), else in kinbridge/ beside the
// kinbridge library, in the build tree, and in the configured library directory.
Result<const PostgresqlModule*> LoadPostgresqlModule();

// The module when it is already loaded, else null (an error cannot come from a backend that was
// never loaded).
const PostgresqlModule* LoadedPostgresqlModule();

}  // namespace kinbridge::detail
