// Symbol visibility for the kinbridge shared library.
#pragma once

// The library is built with hidden visibility; only what carries KINBRIDGE_API is exported.
// The standard attribute form may follow [[nodiscard]] in a class head, which GCC's
// __attribute__ form may not.
#if defined(KINBRIDGE_STATIC)
#define KINBRIDGE_API
#else
#define KINBRIDGE_API [[gnu::visibility("default")]]
#endif

// The same for the C API (kinbridge/kinbridge.h), which also compiles as C99 and C11, where the
// [[...]] attribute form does not exist.
#if defined(KINBRIDGE_STATIC) || !defined(__GNUC__)
#define KINBRIDGE_C_API
#else
#define KINBRIDGE_C_API __attribute__((visibility("default")))
#endif

// Every public symbol lives in an inline namespace named for the ABI major, so that a program
// built against one major never links silently against another.
#define KINBRIDGE_NAMESPACE_BEGIN \
  namespace kinbridge {           \
  inline namespace v1 {
#define KINBRIDGE_NAMESPACE_END \
  }                             \
  }
