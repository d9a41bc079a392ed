// Workload: contact-plan proposals for pseudonymised cases through the vara_contact plugin and
// through the huangshan_group -> vara_contact adaptation chain, each beside the same method
// logic compiled into this binary and called directly.
#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <vector>

#include "huangshan_group/huangshan_group_method.h"
#include "plugins/plugin_host.h"
#include "vara_contact/vara_contact_method.h"
#include "workloads.h"

namespace kinbridge::bench {

namespace {

class QuietServices final : public plugin::HostServices {
 public:
  void Log(plugin::LogLevel, std::string_view) override {}
  std::string Today() const override { return "2026-11-29"; }
  std::string Language() const override { return "en"; }
};

std::size_t CaseCount() { return g_size == Size::kSmall ? 200 : 100000; }

// Deterministic, varied snapshots: foster and kinship care in Vara, left-behind children in
// Huangshan, parents with and without restrictions, siblings and grandparents.
const std::vector<plugin::CaseSnapshot>& Cases() {
  static const std::vector<plugin::CaseSnapshot> cases = [] {
    std::mt19937 random(20261129);
    const char* placements[] = {"foster-family", "kinship", "residential", "left-behind"};
    std::vector<plugin::CaseSnapshot> all;
    all.reserve(CaseCount());
    for (std::size_t i = 0; i < CaseCount(); ++i) {
      plugin::CaseSnapshot s;
      s.key = "C" + std::to_string(i + 1);
      s.age_years = static_cast<int>(random() % 17) + 1;
      s.placement_type = placements[random() % 4];
      s.legal_basis = random() % 2 ? "compulsory" : "voluntary";
      s.country = s.placement_type == "left-behind" ? "CN" : "SE";
      s.months_in_placement = static_cast<int>(random() % 60);
      const bool left_behind = s.placement_type == "left-behind";
      int r = 0;
      for (const char* kind : {"mother", "father"}) {
        plugin::RelationSnapshot rel;
        rel.key = "R" + std::to_string(++r);
        rel.kind = kind;
        rel.lives_away = left_behind;
        const auto roll = random() % 10;
        if (roll == 0) rel.restrictions.emplace_back("supervised-only");
        if (roll == 1) rel.restrictions.emplace_back("no-contact");
        s.relations.push_back(rel);
      }
      for (unsigned k = 0; k < random() % 3; ++k) {
        plugin::RelationSnapshot sibling;
        sibling.key = "R" + std::to_string(++r);
        sibling.kind = "sibling";
        sibling.age_years = static_cast<int>(random() % 17) + 1;
        s.relations.push_back(sibling);
      }
      plugin::RelationSnapshot grandparent;
      grandparent.key = "R" + std::to_string(++r);
      grandparent.kind = "grandparent";
      grandparent.caregiver = left_behind;
      s.relations.push_back(grandparent);
      all.push_back(std::move(s));
    }
    return all;
  }();
  return cases;
}

plugin::MethodContext Context(const plugin::Method& method, QuietServices& services) {
  plugin::MethodContext ctx;
  ctx.today = "2026-11-29";
  ctx.language = "en";
  ctx.host = &services;
  for (const auto& p : method.Info().parameters) ctx.parameters[p.name] = p.default_value;
  return ctx;
}

void ProposeAll(benchmark::State& state, const plugin::Method& method) {
  QuietServices services;
  const plugin::MethodContext ctx = Context(method, services);
  const plugin::ContactPlanning* planning = method.contact_planning();
  if (planning == nullptr) {
    state.SkipWithError("the method has no contact planning");
    return;
  }
  const auto& cases = Cases();
  for (auto _ : state) {
    std::size_t arrangements = 0;
    for (const auto& c : cases) arrangements += planning->Propose(c, ctx).arrangements.size();
    benchmark::DoNotOptimize(arrangements);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cases.size()));
}

// The plugins as the host loads them, kept for the whole run (libraries are never unloaded).
detail::PluginHost& Host() {
  static QuietServices services;
  static detail::PluginHost host(services);
  static const bool loaded = [] {
    host.LoadDirectory(KINBRIDGE_BENCH_PLUGINDIR);
    return true;
  }();
  (void)loaded;
  return host;
}

void ThroughPlugin(benchmark::State& state, const char* id) {
  Result<detail::LoadedMethod> m = Host().Find(id);
  if (!m.ok()) {
    state.SkipWithError(m.status().message().c_str());
    return;
  }
  ProposeAll(state, *m->method);
}

}  // namespace

void RegisterMethodProposals() {
  benchmark::RegisterBenchmark("propose_vara/kinbridge", [](benchmark::State& state) {
    ThroughPlugin(state, "se.vara.contact");
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("propose_vara/floor", [](benchmark::State& state) {
    auto method = methods::MakeVaraContactMethod();
    ProposeAll(state, *method);
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("propose_huangshan_chain/kinbridge", [](benchmark::State& state) {
    ThroughPlugin(state, "cn.huangshan.group");
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("propose_huangshan_chain/floor", [](benchmark::State& state) {
    auto method = methods::MakeHuangshanGroupMethod(methods::MakeVaraContactMethod());
    ProposeAll(state, *method);
  })->Unit(benchmark::kMillisecond);
}

}  // namespace kinbridge::bench
