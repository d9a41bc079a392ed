// The vara_contact plugin: registers Vara's contact method with the host.
#include "kinbridge/plugin/plugin.h"
#include "vara_contact/vara_contact_method.h"

namespace {

void Init(kinbridge::plugin::Registrar& registrar) {
  registrar.AddMethod(kinbridge::methods::MakeVaraContactMethod());
}

}  // namespace

KINBRIDGE_METHOD_PLUGIN("vara_contact", "1.0.0", "EUPL-1.2", "Vara kommun, SE", Init)
