// What the dynamic loader said, out of a Boost.DLL error, for messages about a library that did
// not load (the PostgreSQL module, libical).
#pragma once

#include <string>

namespace kinbridge::detail {

// The loader's own words from Boost.DLL's message ("... (dlerror system message: X): ...");
// the whole message when it has no such part.
std::string LoaderReason(const std::string& what);

}  // namespace kinbridge::detail
