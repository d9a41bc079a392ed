/* kinbridge.h compiles on its own as strict C99 (the C example checks C11). */
#include "kinbridge/kinbridge.h"

/* Every declaration is usable from C: take the address of a few. */
const char* (*kb_header_c99_version)(void) = kb_version;
kb_error_code (*kb_header_c99_open)(const char*, const char*, kb_workspace**) = kb_workspace_open;
