// Huangshan's adaptation of Vara's contact method (cn.huangshan.group, adapting
// se.vara.contact@^1) for left-behind children: weekly Sunday-evening video calls with migrant
// parents at the support centre, grandparents as caregivers, and group sessions by age band led
// by trained teachers and centre staff. The logic lives here so that tests and benchmarks can
// call it directly; plugin.cpp only registers the adaptation.
#pragma once

#include <memory>

#include "kinbridge/plugin/method.h"

namespace kinbridge::methods {

inline constexpr char kHuangshanGroupId[] = "cn.huangshan.group";
inline constexpr char kHuangshanGroupVersion[] = "1.0.0";
inline constexpr char kHuangshanGroupBaseId[] = "se.vara.contact";
inline constexpr char kHuangshanGroupBaseRange[] = "^1";

// The adaptation of `base`, which it keeps alive. Immutable; thread-safe.
// Throws std::invalid_argument when `base` is null or lacks contact planning or follow-up.
//
// - Info(): the base's parameters and components, plus its own (group_size_max, age_band_years,
//   ...), base_id/base_range and the FRAME records of what Huangshan changed and why.
// - ContactPlanning: for a child whose placement is "left-behind", each parent who lives away
//   (in contact, no no-contact restriction) gets a video call every Sunday at `family_call_time`
//   at the support centre, monitored by centre staff (supervised if restricted to supervised
//   contact); a grandparent who is a caregiver gets no arrangement but an info finding; every
//   other relation (siblings included) gets what the base proposes. Other children: the base's
//   proposal unchanged. Validate: the base's findings plus `migrant-parent-without-video`.
// - GroupPlanning: groups by age band, siblings kept together, children of one school together
//   first; sessions[i] is the weekly session of groups[i]. CheckLeader refuses an untrained one.
// - FollowUp: the base's.
std::shared_ptr<plugin::Method> MakeHuangshanGroupMethod(
    std::shared_ptr<const plugin::Method> base);

}  // namespace kinbridge::methods
