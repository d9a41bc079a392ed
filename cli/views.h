// How the model's records look in lists and in `show`: their columns, rows and fields.
#pragma once

#include <vector>

#include "context.h"
#include "kinbridge/child.h"
#include "kinbridge/contact.h"
#include "kinbridge/placement.h"
#include "kinbridge/relation.h"
#include "kinbridge/restriction.h"
#include "output/output.h"

namespace kinbridge::cli {

std::vector<Column> ChildColumns();
std::vector<Value> ChildRow(const Child& child, Date today);
std::vector<Field> ChildFields(const Child& child, Date today);

std::vector<Column> RelationColumns();
std::vector<Value> RelationRow(const Relation& relation);

// with_child: a leading column naming the child (for lists across children).
std::vector<Column> RestrictionColumns(bool with_child);
std::vector<Value> RestrictionRow(const Restriction& restriction, bool with_child, Date today);

std::vector<Column> PlacementColumns();
std::vector<Value> PlacementRow(const Placement& placement);

// Contact events in lists (with the relation and UTC times) and shown alone.
std::vector<Column> EventColumns();
std::vector<Value> EventRow(const ContactEvent& event);
Record EventRecord(const ContactEvent& event);

// A method's findings as a section of a record.
Section FindingsSection(const std::vector<MethodFinding>& findings);

// A plan review: adherence, fidelity and the method's notes as sections.
Record ReviewRecord(const PlanReview& review);

// Empty text as null.
Value OptionalText(const std::string& text);

// Prints a child with its family network, restrictions and placements (child show).
void PrintChild(Context& ctx, Workspace& ws, const Child& child);

// Output values for optional dates and lists.
Value DateValue(const std::optional<Date>& date);
Value ListValue(const std::vector<std::string>& items);

}  // namespace kinbridge::cli
