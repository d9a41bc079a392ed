// How a plugin tells the host what it brings: its methods and its adaptations.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "kinbridge/plugin/abi.h"
#include "kinbridge/plugin/host_services.h"
#include "kinbridge/plugin/method.h"

namespace kinbridge::plugin {

// An adaptation of another (possibly another plugin's) method. The host resolves the base by
// id and version range, then calls `make` with it; the adaptation overrides some capabilities
// and delegates the rest to the base. Its MethodInfo names the base and carries FRAME records.
struct AdaptationSpec {
  std::string base_id;     // "se.vara.contact"
  std::string base_range;  // "^1", "~1.2", ">=1.2 <2", "1.2.0"
  std::function<std::shared_ptr<Method>(std::shared_ptr<const Method> base)> make;
};

// Implemented by the host; a plugin's init() calls it. Valid only during init().
class KINBRIDGE_PLUGIN_API Registrar {
 public:
  virtual void AddMethod(std::shared_ptr<Method> method) = 0;
  virtual void AddAdaptation(AdaptationSpec adaptation) = 0;
  virtual HostServices& host() = 0;

 protected:
  ~Registrar() = default;  // plugins never delete the registrar
};

}  // namespace kinbridge::plugin
