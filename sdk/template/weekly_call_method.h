// An example method (org.example.weekly-call): a weekly phone call between the child and each
// parent the child is in contact with. The logic lives here, so that the tests can call it;
// plugin.cpp only registers it with the host.
#pragma once

#include <memory>

#include <kinbridge/plugin/method.h>

namespace weekly_call {

inline constexpr char kMethodId[] = "org.example.weekly-call";
inline constexpr char kMethodVersion[] = "1.0.0";

// The method, with one capability: ContactPlanning. Immutable and thread-safe; its outputs
// depend only on the snapshot and the context.
// - Propose: every Sunday at `call_hour`:00, a call of `call_minutes` with each mother and father
//   the child is in contact with who does not care for the child day to day; supervised when
//   the parent is restricted to supervised contact; none under a no-contact restriction.
// - Validate: a warning for such a parent without a phone or video call in the plan; an error
//   at approval when the child's view is not recorded.
std::shared_ptr<kinbridge::plugin::Method> MakeWeeklyCallMethod();

}  // namespace weekly_call
