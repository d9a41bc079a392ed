// The huangshan_group plugin: registers Huangshan's adaptation of Vara's contact method. The host
// resolves the base (se.vara.contact@^1) and calls make() with it.
#include <memory>
#include <utility>

#include "huangshan_group/huangshan_group_method.h"
#include "kinbridge/plugin/plugin.h"

namespace {

void Init(kinbridge::plugin::Registrar& registrar) {
  registrar.AddAdaptation(kinbridge::plugin::AdaptationSpec{
      kinbridge::methods::kHuangshanGroupBaseId, kinbridge::methods::kHuangshanGroupBaseRange,
      [](std::shared_ptr<const kinbridge::plugin::Method> base) {
        return kinbridge::methods::MakeHuangshanGroupMethod(std::move(base));
      }});
}

}  // namespace

KINBRIDGE_METHOD_PLUGIN("huangshan_group", "1.0.0", "EUPL-1.2", "黄山市 Huangshan, CN", Init)
