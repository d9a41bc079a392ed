/* An integrator's program in plain C11 against the kinbridge C API: create a workspace,
 * register a child with her family network and placement, draw up a contact plan with the Vara
 * method, and print the contacts due in the next two weeks.
 *
 *   kinbridge_c_example WORKSPACE_FILE [PLUGIN_FILE]
 *
 * WORKSPACE_FILE must not exist yet. PLUGIN_FILE is the Vara method plugin (vara_contact.so);
 * without it the example installs the one found in kinbridge's plugin directories.
 *
 * Records travel as JSON text. A real program would parse them with a JSON library (cJSON,
 * jansson); to stay self-contained this example picks single fields out with strstr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinbridge/kinbridge.h"

/* Stops the program with the library's message when a call failed. */
static void check(kb_error_code code, const char* what) {
  if (code == KB_OK) return;
  fprintf(stderr, "kinbridge_c_example: %s failed (%s): %s\n", what, kb_error_code_name(code),
          kb_last_error_message());
  exit(1);
}

/* Copies the text value of the first "key":"..." at or after `from` into `out`; returns a
 * pointer just past it, or NULL when there is none. Values with escapes are not handled. */
static const char* text_field(const char* from, const char* key, char* out, size_t size) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  const char* start = strstr(from, pattern);
  if (start == NULL) return NULL;
  start += strlen(pattern);
  const char* end = strchr(start, '"');
  if (end == NULL) return NULL;
  size_t length = (size_t)(end - start);
  if (length >= size) length = size - 1;
  memcpy(out, start, length);
  out[length] = '\0';
  return end + 1;
}

/* The number value of the first "key":123 in `json`, or -1. */
static long long number_field(const char* json, const char* key) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  const char* start = strstr(json, pattern);
  return start == NULL ? -1 : strtoll(start + strlen(pattern), NULL, 10);
}

/* The path of the first plugin file named like vara_contact in kb_plugin_list's output. */
static int find_vara_plugin(kb_workspace* ws, char* out, size_t size) {
  char* plugins = NULL;
  check(kb_plugin_list(ws, &plugins), "listing the plugins");
  int found = 0;
  const char* cursor = plugins;
  char file[1024];
  while (!found && (cursor = text_field(cursor, "file", file, sizeof file)) != NULL) {
    if (strstr(file, "vara_contact") != NULL && strlen(file) < size) {
      strcpy(out, file);
      found = 1;
    }
  }
  kb_string_free(plugins);
  return found;
}

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: %s WORKSPACE_FILE [PLUGIN_FILE]\n", argv[0]);
    return 2;
  }
  printf("kinbridge %s\n", kb_version());

  /* A test workspace: the acting account may be named, and "today" is fixed so that the
   * example prints the same every time. A production workspace acts as the OS account. */
  const char* create =
      "{\"municipality_code\": \"VAR\", \"municipality_name\": \"Vara\", \"country\": \"SE\","
      " \"locale\": \"sv_SE\", \"time_zone\": \"Europe/Stockholm\", \"mode\": \"test\","
      " \"administrator\": \"anna\", \"administrator_name\": \"Anna Karlsson\"}";
  const char* options = "{\"today\": \"2026-11-29\", \"account\": \"anna\"}";
  kb_workspace* ws = NULL;
  check(kb_workspace_create(argv[1], create, options, &ws), "creating the workspace");

  /* The administrator also works as a social worker; roles take effect at the next open. */
  char* out = NULL;
  check(kb_worker_grant(ws, "anna", "social-worker", &out), "granting a role");
  kb_string_free(out);
  kb_workspace_close(ws);
  check(kb_workspace_open(argv[1], options, &ws), "opening the workspace");

  /* The Vara contact method, approved for this workspace. */
  char plugin[1024];
  if (argc == 3) {
    snprintf(plugin, sizeof plugin, "%s", argv[2]);
  } else if (!find_vara_plugin(ws, plugin, sizeof plugin)) {
    fprintf(stderr, "kinbridge_c_example: no vara_contact plugin found; give its file\n");
    return 1;
  }
  check(kb_method_install(ws, plugin, &out), "installing the method plugin");
  kb_string_free(out);

  /* Elin, her placement and her family network. */
  check(kb_child_add(ws, "{\"name\": \"Elin Andersson\", \"birth_date\": \"2017-03-14\"}", &out),
        "registering the child");
  char child[64];
  text_field(out, "case_reference", child, sizeof child);
  kb_string_free(out);
  printf("Registered child %s\n", child);
  check(kb_placement_add(ws, child,
                         "{\"type\": \"foster-family\", \"legal_basis\": \"compulsory\","
                         " \"start\": \"2025-05-12\", \"caregivers\": \"Familjehemmet Berg\"}",
                         &out),
        "recording the placement");
  kb_string_free(out);
  check(kb_relation_add(ws, child, "{\"person_name\": \"Sara Andersson\", \"kind\": \"mother\"}",
                        &out),
        "adding the mother");
  kb_string_free(out);
  check(kb_relation_add(ws, child, "{\"person_name\": \"Johan Nilsson\", \"kind\": \"father\"}",
                        &out),
        "adding the father");
  kb_string_free(out);

  /* A contact plan from the method's proposal, with the child's view, approved: this schedules
   * its contacts. */
  check(kb_plan_propose(ws, child, "se.vara.contact", "Keep Elin's bonds with her family", &out),
        "proposing a plan");
  const long long plan = number_field(out, "id");
  kb_string_free(out);
  check(kb_plan_record_view(ws, plan, "{\"text\": \"I want to see mum and dad.\"}", &out),
        "recording the child's view");
  kb_string_free(out);
  check(kb_plan_approve(ws, plan, &out), "approving the plan");
  kb_string_free(out);
  printf("Approved contact plan %lld\n", plan);

  /* The contacts due in the next two weeks. */
  check(kb_contact_due(ws, "{\"from\": \"2026-11-29\", \"to\": \"2026-12-12\"}", &out),
        "listing due contacts");
  int count = 0;
  const char* cursor = out;
  char person[256], mode[32], day[16], time[8];
  while ((cursor = text_field(cursor, "person", person, sizeof person)) != NULL &&
         (cursor = text_field(cursor, "mode", mode, sizeof mode)) != NULL &&
         (cursor = text_field(cursor, "day", day, sizeof day)) != NULL &&
         (cursor = text_field(cursor, "time", time, sizeof time)) != NULL) {
    printf("  %s %s  %-8s with %s\n", day, time, mode, person);
    ++count;
  }
  kb_string_free(out);
  printf("%d contacts due from 2026-11-29 to 2026-12-12\n", count);

  kb_workspace_close(ws);
  return count > 0 ? 0 : 1;
}
