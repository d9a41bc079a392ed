#!/usr/bin/env python3
"""An integrator's program in Python against the kinbridge C API, through ctypes (standard
library only): create a workspace, register a child with her family network and placement, draw
up a contact plan with the Vara method, and print the contacts due in the next two weeks.

    kinbridge_example.py LIBKINBRIDGE_SO [WORKSPACE_FILE [PLUGIN_FILE]]

LIBKINBRIDGE_SO is the path of libkinbridge.so. WORKSPACE_FILE must not exist yet (default: a
file in a new temporary directory, removed at the end). PLUGIN_FILE is the Vara method plugin
(vara_contact.so); without it the one found in kinbridge's plugin directories is installed.
"""

import ctypes
import json
import os
import sys
import tempfile


class KinbridgeError(Exception):
    """A failed kinbridge call: its error code name ("not-found") and message."""

    def __init__(self, function, code, message):
        super().__init__(f"{function}: {code}: {message}")
        self.code = code
        self.message = message


class Kinbridge:
    """The C API with JSON in and out: call("kb_child_add", ws, {...}) returns the record."""

    def __init__(self, library_path):
        self.lib = ctypes.CDLL(library_path)
        self.lib.kb_version.restype = ctypes.c_char_p
        self.lib.kb_last_error_message.restype = ctypes.c_char_p
        self.lib.kb_error_code_name.restype = ctypes.c_char_p
        self.lib.kb_error_code_name.argtypes = [ctypes.c_int]
        self.lib.kb_string_free.argtypes = [ctypes.c_void_p]
        self.lib.kb_string_free.restype = None
        self.lib.kb_workspace_close.argtypes = [ctypes.c_void_p]
        self.lib.kb_workspace_close.restype = None

    def version(self):
        return self.lib.kb_version().decode()

    def _check(self, function, code):
        if code != 0:
            raise KinbridgeError(function, self.lib.kb_error_code_name(code).decode(),
                                 self.lib.kb_last_error_message().decode())

    def _open(self, function, *args):
        handle = ctypes.c_void_p()
        self._check(function, getattr(self.lib, function)(*args, ctypes.byref(handle)))
        return handle

    def create(self, path, create, options):
        return self._open("kb_workspace_create", path.encode(), json.dumps(create).encode(),
                          json.dumps(options).encode())

    def open(self, path, options):
        return self._open("kb_workspace_open", path.encode(), json.dumps(options).encode())

    def close(self, workspace):
        self.lib.kb_workspace_close(workspace)

    def call(self, function, workspace, *args):
        """Calls a kb_ function whose last argument is a char** output of JSON text. Strings are
        passed as UTF-8, dicts and lists as JSON, ints as int64 ids; returns the parsed JSON."""
        c_args = [workspace]
        for arg in args:
            if isinstance(arg, (dict, list)):
                c_args.append(json.dumps(arg).encode())
            elif isinstance(arg, str):
                c_args.append(arg.encode())
            elif isinstance(arg, bool):
                c_args.append(ctypes.c_int(int(arg)))
            elif isinstance(arg, int):
                c_args.append(ctypes.c_int64(arg))
            else:
                c_args.append(arg)
        out = ctypes.c_void_p()
        self._check(function, getattr(self.lib, function)(*c_args, ctypes.byref(out)))
        try:
            return json.loads(ctypes.string_at(out.value).decode())
        finally:
            self.lib.kb_string_free(out)


def find_vara_plugin(kb, ws):
    for plugin in kb.call("kb_plugin_list", ws):
        if plugin["file"] and "vara_contact" in os.path.basename(plugin["file"]):
            return plugin["file"]
    return None


def run(kb, path, plugin_file):
    print(f"kinbridge {kb.version()}")
    # A test workspace: the acting account may be named, and "today" is fixed so that the example
    # prints the same every time. A production workspace acts as the OS account.
    create = {"municipality_code": "VAR", "municipality_name": "Vara", "country": "SE",
              "locale": "sv_SE", "time_zone": "Europe/Stockholm", "mode": "test",
              "administrator": "anna", "administrator_name": "Anna Karlsson"}
    options = {"today": "2026-11-29", "account": "anna"}
    ws = kb.create(path, create, options)
    # The administrator also works as a social worker; roles take effect at the next open.
    kb.call("kb_worker_grant", ws, "anna", "social-worker")
    kb.close(ws)
    ws = kb.open(path, options)
    try:
        plugin_file = plugin_file or find_vara_plugin(kb, ws)
        if plugin_file is None:
            raise SystemExit("kinbridge_example.py: no vara_contact plugin found; give its file")
        kb.call("kb_method_install", ws, plugin_file)

        child = kb.call("kb_child_add", ws, {"name": "Elin Andersson",
                                             "birth_date": "2017-03-14"})
        ref = child["case_reference"]
        print(f"Registered child {ref}")
        kb.call("kb_placement_add", ws, ref, {"type": "foster-family",
                                              "legal_basis": "compulsory",
                                              "start": "2025-05-12",
                                              "caregivers": "Familjehemmet Berg"})
        kb.call("kb_relation_add", ws, ref, {"person_name": "Sara Andersson", "kind": "mother"})
        kb.call("kb_relation_add", ws, ref, {"person_name": "Johan Nilsson", "kind": "father"})

        # Errors come back as codes with a message that names the field.
        try:
            kb.call("kb_relation_add", ws, ref, {"person_name": "Birgitta", "kind": "granny"})
            raise SystemExit("kinbridge_example.py: an unknown relation kind was accepted")
        except KinbridgeError as error:
            print(f"Refused as expected ({error.code}): {error.message}")

        plan = kb.call("kb_plan_propose", ws, ref, "se.vara.contact",
                       "Keep Elin's bonds with her family")
        kb.call("kb_plan_record_view", ws, plan["id"], {"text": "I want to see mum and dad."})
        plan = kb.call("kb_plan_approve", ws, plan["id"])
        print(f"Approved contact plan {plan['id']}; review by {plan['review_date']}")

        due = kb.call("kb_contact_due", ws, {"from": "2026-11-29", "to": "2026-12-12"})
        for event in due:
            print(f"  {event['day']} {event['time']}  {event['mode']:<8} with {event['person']}")
        print(f"{len(due)} contacts due from 2026-11-29 to 2026-12-12")
        return 0 if due else 1
    finally:
        kb.close(ws)


def main(argv):
    if not 2 <= len(argv) <= 4:
        print(__doc__, file=sys.stderr)
        return 2
    kb = Kinbridge(argv[1])
    plugin_file = argv[3] if len(argv) == 4 else None
    if len(argv) >= 3:
        return run(kb, argv[2], plugin_file)
    with tempfile.TemporaryDirectory(prefix="kinbridge-example-") as directory:
        return run(kb, os.path.join(directory, "example.kinbridge"), plugin_file)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except KinbridgeError as error:
        print(f"kinbridge_example.py: {error}", file=sys.stderr)
        sys.exit(1)
