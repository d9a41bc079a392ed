// A method: its description and the capabilities it implements.
#pragma once

#include <memory>

#include "kinbridge/plugin/abi.h"
#include "kinbridge/plugin/capabilities.h"
#include "kinbridge/plugin/method_info.h"

namespace kinbridge::plugin {

// Implemented by plugins. Thread-safety: the host may call a method from several threads at
// once; implementations keep no mutable state (outputs depend only on the inputs and the
// context, so they are deterministic for the same input and the same "today").
// Errors: a capability may throw std::exception; the host catches it at the boundary and
// reports it with the plugin's name, file and version.
class KINBRIDGE_PLUGIN_API Method {
 public:
  virtual ~Method() = default;
  virtual const MethodInfo& Info() const = 0;
  // nullptr: the method does not have this capability.
  virtual const ContactPlanning* contact_planning() const { return nullptr; }
  virtual const GroupPlanning* group_planning() const { return nullptr; }
  virtual const FollowUp* follow_up() const { return nullptr; }
  virtual const Assessment* assessment() const { return nullptr; }
};

}  // namespace kinbridge::plugin
