package web

import (
	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/programme"
)

// apiEnum is a string schema limited to the given codes.
func apiEnum[T ~string](desc string, codes []T) obj {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = string(c)
	}
	return obj{"type": "string", "enum": out, "description": desc}
}

func apiInt(desc string) obj    { return obj{"type": "integer", "description": desc} }
func apiStrings() obj           { return obj{"type": "array", "items": obj{"type": "string"}} }
func apiListOf(name string) obj { return object([]string{"items"}, obj{"items": arrayOf(name)}) }

// The schemas of the programme and group API: field names are the domain
// types' JSON names.
func init() {
	day := obj{"type": "string", "format": "date-time", "description": "a calendar date at 00:00 UTC; 0001-01-01 when unset"}
	stamp := obj{"type": "string", "format": "date-time"}
	dayIn := func(desc string) obj { return str("dd/mm/yyyy or yyyy-mm-dd" + desc) }
	groupType := apiEnum("group type", programme.GroupTypes)
	unitType := apiEnum("unit type", programme.UnitTypes)
	stage := apiEnum("stage", group.Stages)
	stepKind := apiEnum("formation-step kind", programme.StepKinds)
	seatRole := apiEnum("board seat", group.SeatRoles)
	memberRole := apiEnum("member role", group.MemberRoles)
	field := apiEnum("business field", group.BusinessFields)

	// Programmes.
	apiSchemas["Step"] = object([]string{"kind"}, obj{"kind": stepKind, "name": str("the programme's own wording; empty for the catalogue's label")})
	apiSchemas["Rules"] = object([]string{"group_type"}, obj{
		"group_type": groupType, "min_members": apiInt("fewest members counting toward the bounds"),
		"max_members": apiInt("most members; 0 for no upper bound"), "fgd_min": apiInt("forming FGDs needed before the group is formed"),
		"steps": obj{"type": "array", "items": ref("Step"), "description": "the formation template; empty for the type's default"},
	})
	apiSchemas["Programme"] = object([]string{"id", "name", "phase", "start", "regions", "rules"}, obj{
		"org_id": str(""), "id": str("UUIDv7"), "name": str(""), "description": str(""), "phase": apiInt("1 for a first phase"),
		"previous_id": str("the phase this one continues"), "start": day, "end": day,
		"regions": obj{"type": "array", "items": str("dotted region code at any level")}, "target_groups": apiStrings(),
		"allow_double_membership": boolean(), "rules": arrayOf("Rules"), "created_at": stamp, "updated_at": stamp,
	})
	apiSchemas["ProgrammeList"] = apiListOf("Programme")
	apiSchemas["ProgrammeInput"] = object([]string{"name", "start", "regions", "rules"}, obj{
		"name": str(""), "description": str(""), "start": dayIn(""), "end": dayIn("; empty for open-ended"),
		"regions":                 obj{"type": "array", "items": str("region code at any level, dotted or not"), "description": "inside the caller's scope"},
		"target_groups":           obj{"type": "array", "items": str("target-group code, e.g. fakir_miskin")},
		"allow_double_membership": boolean(), "rules": obj{"type": "array", "items": ref("Rules"), "description": "one per group type the programme forms"},
	})
	apiSchemas["Baseline"] = object([]string{"group_type", "stage", "groups", "members"}, obj{
		"group_type": groupType, "stage": stage, "groups": apiInt(""), "members": apiInt("active members")})
	apiSchemas["BaselineList"] = apiListOf("Baseline")
	apiSchemas["NextPhase"] = object([]string{"programme", "groups", "members", "skipped"}, obj{
		"programme": ref("Programme"), "groups": apiInt("groups carried over"), "members": apiInt("memberships carried over"),
		"skipped": apiInt("memberships not carried because the new phase forbids double membership")})

	// Units.
	apiSchemas["Unit"] = object([]string{"id", "type", "name", "village_code"}, obj{
		"org_id": str(""), "id": str("UUIDv7"), "programme_id": str(""), "parent_id": str(""), "type": unitType, "name": str(""),
		"address": str(""), "head_user_id": str(""), "head_person_id": str(""), "village_code": str("dotted village code"),
		"created_at": stamp, "updated_at": stamp,
	})
	apiSchemas["UnitList"] = apiListOf("Unit")
	apiSchemas["UnitInput"] = object([]string{"type", "name", "village_code"}, obj{
		"programme_id": str("optional"), "parent_id": str("the unit above (required for a cu_branch)"), "type": unitType, "name": str(""),
		"address": str(""), "head_user_id": str("a user"), "head_person_id": str("or a registry person"),
		"village_code": str("10-digit village code, dotted or not"),
	})
	apiSchemas["Staff"] = object([]string{"id", "unit_id", "position", "start"}, obj{
		"id": str(""), "unit_id": str(""), "user_id": str(""), "person_id": str(""), "position": str(""), "start": day, "end": day})
	apiSchemas["StaffInput"] = object([]string{"position", "start"}, obj{
		"user_id": str("a user; exactly one of user_id and person_id"), "person_id": str("a registry person"),
		"position": str("e.g. manajer, kasir, pendamping"), "start": dayIn("")})
	apiSchemas["StaffEnd"] = object([]string{"end"}, obj{"end": dayIn("")})
	apiSchemas["UnitDetail"] = object([]string{"unit", "staff", "children"}, obj{
		"unit": ref("Unit"), "staff": arrayOf("Staff"), "children": arrayOf("Unit")})

	// Groups.
	groupProps := func() obj {
		return obj{
			"org_id": str(""), "id": str("UUIDv7"), "programme_id": str(""), "source_id": str("the previous phase's group it continues"),
			"unit_id": str("the unit that runs it"), "name": str(""), "type": groupType, "business_field": field,
			"settlement": boolean(), "stage": stage, "address": str(""), "village_code": str("dotted village code"),
			"facilitator_id": str("user id"), "created_at": stamp, "updated_at": stamp,
		}
	}
	groupRequired := []string{"id", "programme_id", "name", "type", "business_field", "stage", "village_code"}
	apiSchemas["Group"] = object(groupRequired, groupProps())
	summary := groupProps()
	summary["members"] = apiInt("active members counting toward the bounds")
	apiSchemas["GroupSummary"] = object(append(groupRequired, "members"), summary)
	apiSchemas["GroupPage"] = object([]string{"items", "total", "page", "per_page"}, obj{
		"items": arrayOf("GroupSummary"), "total": apiInt("matches"), "page": apiInt(""), "per_page": apiInt("")})
	apiSchemas["GroupInput"] = object([]string{"programme_id", "name", "type", "business_field", "village_code"}, obj{
		"programme_id": str("fixed after creation"), "unit_id": str(""), "name": str(""), "type": groupType, "business_field": field,
		"settlement": boolean(), "address": str(""), "village_code": str("10-digit village code, dotted or not"),
		"facilitator_id": str("user id; defaults to the caller"),
	})
	apiSchemas["GroupCount"] = object([]string{"region_code", "type", "stage", "groups", "members"}, obj{
		"region_code": str(""), "region_name": str(""), "type": groupType, "stage": stage, "groups": apiInt(""), "members": apiInt("active members")})
	apiSchemas["GroupCountList"] = apiListOf("GroupCount")
	apiSchemas["StageChange"] = object([]string{"id", "to", "date"}, obj{
		"id": str(""), "from": str("empty for the group's creation"), "to": stage, "date": day, "user_id": str(""),
		"evidence": str(""), "correction": boolean(), "created_at": stamp})
	apiSchemas["CooperativeInfo"] = object([]string{"former_type", "legal_number", "legal_date"}, obj{
		"former_type": groupType, "statutes": str("AD/ART"), "legal_number": str(""), "legal_date": day, "upgraded_on": day, "user_id": str("")})
	apiSchemas["GroupDetail"] = object([]string{"group", "active_members", "stages"}, obj{
		"group": ref("Group"), "active_members": apiInt("counting toward the bounds"), "stages": arrayOf("StageChange"),
		"cooperative": ref("CooperativeInfo")})
	apiSchemas["StageInput"] = object([]string{"to", "date", "evidence"}, obj{
		"to": stage, "date": dayIn(""), "evidence": str("what shows the group reached the stage"),
		"correction": boolean()})
	apiSchemas["UpgradeInput"] = object([]string{"date", "statutes", "legal_number", "legal_date", "supervisors"}, obj{
		"date": dayIn(""), "statutes": str("AD/ART"), "legal_number": str("legal-entity registration number"), "legal_date": dayIn(""),
		"supervisors": obj{"type": "array", "items": str("person id of a member"), "description": "supervisors (pengawas)"},
		"evidence":    str("defaults to the legal number")})
	apiSchemas["StepRecord"] = object([]string{"id", "group_id", "kind", "date"}, obj{
		"id": str(""), "group_id": str(""), "kind": stepKind, "name": str("the template's wording"), "date": day,
		"facilitator_id": str(""), "attendance": obj{"type": "array", "items": str("person id")}, "notes": str(""), "created_at": stamp})
	apiSchemas["TemplateStep"] = object([]string{"kind", "required", "done"}, obj{
		"kind": stepKind, "name": str(""), "required": apiInt("how many are needed"), "done": arrayOf("StepRecord")})
	apiSchemas["Formation"] = object([]string{"steps", "fgds", "fgd_min", "members", "min_members", "max_members", "ready"}, obj{
		"steps": arrayOf("TemplateStep"), "next": str("the first step not yet done enough; empty when all are"),
		"fgds": apiInt(""), "fgd_min": apiInt(""), "members": apiInt("counting toward the bounds"),
		"min_members": apiInt(""), "max_members": apiInt("0: no upper bound"), "ready": boolean(),
		"problem": str("message key of why the group may not be marked formed yet")})
	apiSchemas["StepInput"] = object([]string{"kind", "date"}, obj{
		"kind": stepKind, "date": dayIn(""), "facilitator_id": str("user id; defaults to the caller"),
		"attendance": obj{"type": "array", "items": str("registry person id")}, "notes": str("")})

	// Members.
	apiSchemas["Member"] = object([]string{"id", "group_id", "person_id", "role", "joined"}, obj{
		"id": str("membership id"), "group_id": str(""), "person_id": str(""), "household_id": str(""), "name": str("the person's name"),
		"role": memberRole, "joined": day, "left": day, "leave_reason": str("")})
	apiSchemas["MemberList"] = apiListOf("Member")
	apiSchemas["MemberInput"] = object([]string{"person_id"}, obj{
		"person_id": str("registry person id"), "role": memberRole, "joined": dayIn("; defaults to today")})
	apiSchemas["LeaveInput"] = object([]string{"date"}, obj{"date": dayIn(""), "reason": str("")})

	// Board and rules book.
	apiSchemas["Seat"] = object([]string{"id", "person_id", "role", "term_start"}, obj{
		"id": str(""), "election_id": str(""), "person_id": str(""), "name": str(""), "role": seatRole,
		"term_start": day, "term_end": day, "ended": day})
	apiSchemas["Nominee"] = object([]string{"person_id", "role"}, obj{"person_id": str(""), "role": seatRole, "votes": apiInt("0 in a consensus")})
	apiSchemas["Election"] = object([]string{"id", "group_id", "date", "method", "candidates", "elected"}, obj{
		"id": str(""), "group_id": str(""), "date": day, "method": apiEnum("", []group.Method{group.Votes, group.Consensus}),
		"minutes": str(""), "term_start": day, "term_end": day, "candidates": arrayOf("Nominee"), "elected": arrayOf("Seat"), "user_id": str("")})
	apiSchemas["Board"] = object([]string{"seats", "elections"}, obj{"seats": arrayOf("Seat"), "elections": arrayOf("Election")})
	apiSchemas["ElectionInput"] = object([]string{"date", "method", "elected"}, obj{
		"date": dayIn(""), "method": apiEnum("votes or consensus (musyawarah)", []group.Method{group.Votes, group.Consensus}),
		"minutes": str(""), "term_start": dayIn("; defaults to the date"), "term_end": dayIn(""),
		"candidates": obj{"type": "array", "items": ref("Nominee"), "description": "members who stood, with their votes"},
		"elected":    obj{"type": "array", "items": ref("Nominee"), "description": "who takes each seat (votes ignored)"}})
	apiSchemas["RulesVersion"] = object([]string{"version", "text", "adopted_on"}, obj{
		"version": apiInt("from 1"), "text": str(""), "adopted_on": day, "user_id": str(""), "created_at": stamp})
	apiSchemas["RulesBook"] = apiListOf("RulesVersion")
	apiSchemas["RulesInput"] = object([]string{"text", "adopted_on"}, obj{"text": str("the group's own rules"), "adopted_on": dayIn("")})

	// Meetings.
	topic := apiEnum("coaching topic", group.Topics)
	apiSchemas["FollowUp"] = object([]string{"id", "meeting_id", "group_id", "action", "due"}, obj{
		"id": str(""), "meeting_id": str(""), "group_id": str(""), "action": str(""), "due": day, "done": day})
	apiSchemas["Meeting"] = object([]string{"id", "group_id", "kind", "date", "topics", "attendance", "follow_ups"}, obj{
		"id": str(""), "group_id": str(""), "kind": apiEnum("", []group.MeetingKind{group.Visit, group.Meeting}), "date": day,
		"facilitator_id": str(""), "topics": obj{"type": "array", "items": topic}, "other_topics": str(""),
		"attendance": obj{"type": "array", "items": str("person id")}, "notes": str(""), "follow_ups": arrayOf("FollowUp"), "created_at": stamp})
	apiSchemas["MeetingList"] = apiListOf("Meeting")
	apiSchemas["MeetingInput"] = object([]string{"kind", "date"}, obj{
		"kind": apiEnum("visit (by a facilitator) or meeting (of the group)", []group.MeetingKind{group.Visit, group.Meeting}), "date": dayIn(""),
		"facilitator_id": str("user id; defaults to the caller"), "topics": obj{"type": "array", "items": topic}, "other_topics": str(""),
		"attendance": obj{"type": "array", "items": str("person id of a member on that day")}, "notes": str(""),
		"follow_ups": obj{"type": "array", "items": ref("FollowUpInput")}})
	apiSchemas["FollowUpInput"] = object([]string{"action", "due"}, obj{"action": str(""), "due": dayIn("; not before the meeting")})
	apiSchemas["FollowUpDone"] = object([]string{"done"}, obj{"done": dayIn("")})
	apiSchemas["Overview"] = object([]string{"groups", "overdue", "not_visited", "days"}, obj{
		"groups": arrayOf("GroupSummary"), "overdue": arrayOf("FollowUp"), "not_visited": arrayOf("GroupSummary"), "days": apiInt("")})
}
