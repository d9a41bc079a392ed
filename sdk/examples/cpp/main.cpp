// An integrator's program: creates a workspace, registers a child with her mother and her
// placement, draws up a contact plan with a method plugin (if one is given), and lists the
// child's contacts due in the next two weeks.
//   kinbridge_example WORKSPACE.db [METHOD_PLUGIN.so]
#include <cstdlib>
#include <iostream>
#include <string>
#include <utility>

#include <kinbridge/workspace.h>

namespace kb = kinbridge;

// The value of a Result, or the program ends with its Status ("not-found: child ...").
template <typename T>
T OrExit(kb::Result<T> result) {
  if (!result.ok()) {
    std::cerr << "kinbridge_example: " << result.status().ToString() << '\n';
    std::exit(1);
  }
  return std::move(result).value();
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: kinbridge_example WORKSPACE.db [METHOD_PLUGIN.so]\n";
    return 2;
  }
  const std::string path = argv[1];

  // A new workspace; the account running the program becomes its administrator. It also works
  // as a social worker here, which takes effect when the workspace is opened again.
  kb::CreateOptions create;
  create.municipality.code = "VAR";
  create.municipality.name = "Vara";
  create.municipality.country = "SE";
  create.municipality.locale = "sv_SE";
  create.municipality.time_zone = "Europe/Stockholm";
  create.mode = kb::WorkspaceMode::kTest;  // invented data
  {
    kb::Workspace created = OrExit(kb::Workspace::Create(path, create));
    OrExit(created.GrantRole(created.acting_worker().os_account, kb::Role::kSocialWorker));
  }
  kb::WorkspaceOptions options;  // defaults: today in Vara's time zone, this OS account
  kb::Workspace ws = OrExit(kb::Workspace::Open(path, options));

  kb::NewChild elin;
  elin.name = "Elin Andersson";
  elin.birth_date = kb::Date(2017, 3, 14);
  const kb::Child child = OrExit(ws.AddChild(elin));
  kb::NewRelation mother;
  mother.person_name = "Sara Andersson";
  mother.kind = kb::RelationKind::kMother;
  OrExit(ws.AddRelation(child.case_reference, mother));
  kb::NewPlacement placement;
  placement.type = kb::PlacementType::kFosterFamily;
  placement.caregivers = "Familjehemmet Berg";
  placement.start = kb::Date(2025, 5, 12);
  OrExit(ws.AddPlacement(child.case_reference, placement));
  std::cout << "registered " << child.case_reference << '\n';

  if (argc > 2) {  // A plan from the method: install the plugin, propose, hear the child, approve.
    const kb::PluginStatus plugin = OrExit(ws.InstallMethodPlugin(argv[2]));
    const std::string method = plugin.methods.at(0);
    const kb::ContactPlan plan =
        OrExit(ws.ProposePlan(child.case_reference, method, "Keep Elin in touch with her mother"));
    const kb::ChildView view{"I want to see mum", ws.Today(), "conversation"};
    OrExit(ws.RecordChildView(plan.id, view));
    OrExit(ws.ApprovePlan(plan.id));
    std::cout << "plan " << plan.id << " approved, drawn up with " << method << '\n';
  }

  // Due contacts: streamed to a visitor, which returns false to stop early.
  kb::ContactQuery due;
  due.child = child.case_reference;
  due.from = ws.Today();
  due.to = ws.Today().AddDays(13);
  due.open_only = true;
  const kb::Status listed = ws.ForEachContactEvent(due, [](const kb::ContactEvent& event) {
    std::cout << "due " << event.local_day.ToString() << ' ' << event.local_start << ' '
              << event.mode << " with " << event.relation_name << " (" << event.supervision
              << ")\n";
    return true;
  });
  if (!listed.ok()) {
    std::cerr << "kinbridge_example: " << listed.ToString() << '\n';
    return 1;
  }
  return 0;
}
