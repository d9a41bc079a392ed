// A shared library that is not a kinbridge plugin: it exports no descriptor.
#include <kinbridge/plugin/plugin.h>

extern "C" [[gnu::visibility("default")]] int test_not_a_plugin() { return 7; }
