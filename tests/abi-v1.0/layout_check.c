/*
 * layout_check.c -- fails to compile if the CURRENT gleaner_plugin.h broke
 * any declaration of the frozen v1.0 header next to this file.
 *
 * It includes the v1.0 header with every type renamed (v10_*), remembers
 * its constants, then includes the current header (its path is given as
 * -DCURRENT_HEADER="...") and checks with _Static_assert that:
 *  - every v1.0 constant keeps its value (GLEANER_ABI_MINOR may only grow);
 *  - every field of every v1.0 struct keeps its offset and size;
 *  - structs without struct_size (passed in arrays or embedded) keep their
 *    size exactly; structs with struct_size may only grow (minor additions
 *    are appended at the end).
 * tests/abi_compat.rs compiles it with -std=c11 -Wall -Werror (a macro
 * redefined with another value is an error too).
 */
#include <stddef.h>
#include <stdint.h>

/* ---- the frozen v1.0 header, types renamed ---- */
#define gleaner_str v10_gleaner_str
#define gleaner_kv v10_gleaner_kv
#define gleaner_value v10_gleaner_value
#define gleaner_field v10_gleaner_field
#define gleaner_record v10_gleaner_record
#define gleaner_document v10_gleaner_document
#define gleaner_host v10_gleaner_host
#define gleaner_setting_spec v10_gleaner_setting_spec
#define gleaner_create_args v10_gleaner_create_args
#define gleaner_plugin_descriptor v10_gleaner_plugin_descriptor
#define gleaner_plugin_entry_fn v10_gleaner_plugin_entry_fn
#include "gleaner_plugin.h"
#undef gleaner_str
#undef gleaner_kv
#undef gleaner_value
#undef gleaner_field
#undef gleaner_record
#undef gleaner_document
#undef gleaner_host
#undef gleaner_setting_spec
#undef gleaner_create_args
#undef gleaner_plugin_descriptor
#undef gleaner_plugin_entry_fn

enum {
    V10_MAGIC = GLEANER_ABI_MAGIC,
    V10_MAJOR = GLEANER_ABI_MAJOR,
    V10_MINOR = GLEANER_ABI_MINOR,
    V10_KIND_EXTRACTOR = GLEANER_KIND_EXTRACTOR,
    V10_KIND_TRANSFORM = GLEANER_KIND_TRANSFORM,
    V10_FLAG_THREAD_SAFE = GLEANER_FLAG_THREAD_SAFE,
    V10_TYPE_STRING = GLEANER_TYPE_STRING,
    V10_TYPE_INT = GLEANER_TYPE_INT,
    V10_TYPE_FLOAT = GLEANER_TYPE_FLOAT,
    V10_TYPE_BOOL = GLEANER_TYPE_BOOL,
    V10_TYPE_NULL = GLEANER_TYPE_NULL,
    V10_OK = GLEANER_OK,
    V10_STOP = GLEANER_STOP,
    V10_ERROR = GLEANER_ERROR,
    V10_LOG_ERROR = GLEANER_LOG_ERROR,
    V10_LOG_WARN = GLEANER_LOG_WARN,
    V10_LOG_INFO = GLEANER_LOG_INFO,
    V10_LOG_DEBUG = GLEANER_LOG_DEBUG,
};
static const char v10_entry_symbol[] = GLEANER_PLUGIN_ENTRY_SYMBOL;

/* The current header may raise the minor; it must define everything else
 * exactly as v1.0 did (a different definition is a -Werror failure). */
#undef GLEANER_ABI_MINOR
#undef GLEANER_PLUGIN_H

/* ---- the current header ---- */
#include CURRENT_HEADER

_Static_assert(GLEANER_ABI_MAGIC == V10_MAGIC, "GLEANER_ABI_MAGIC changed");
_Static_assert(GLEANER_ABI_MAJOR == V10_MAJOR, "a new major is a new header and entry symbol, not an edit of v1");
_Static_assert(GLEANER_ABI_MINOR >= V10_MINOR, "GLEANER_ABI_MINOR went down");
_Static_assert(GLEANER_KIND_EXTRACTOR == V10_KIND_EXTRACTOR && GLEANER_KIND_TRANSFORM == V10_KIND_TRANSFORM, "kind values changed");
_Static_assert(GLEANER_FLAG_THREAD_SAFE == V10_FLAG_THREAD_SAFE, "GLEANER_FLAG_THREAD_SAFE changed");
_Static_assert(GLEANER_TYPE_STRING == V10_TYPE_STRING && GLEANER_TYPE_INT == V10_TYPE_INT && GLEANER_TYPE_FLOAT == V10_TYPE_FLOAT &&
                   GLEANER_TYPE_BOOL == V10_TYPE_BOOL && GLEANER_TYPE_NULL == V10_TYPE_NULL,
               "value type codes changed");
_Static_assert(GLEANER_OK == V10_OK && GLEANER_STOP == V10_STOP && GLEANER_ERROR == V10_ERROR, "status codes changed");
_Static_assert(GLEANER_LOG_ERROR == V10_LOG_ERROR && GLEANER_LOG_WARN == V10_LOG_WARN && GLEANER_LOG_INFO == V10_LOG_INFO &&
                   GLEANER_LOG_DEBUG == V10_LOG_DEBUG,
               "log levels changed");
_Static_assert(sizeof(GLEANER_PLUGIN_ENTRY_SYMBOL) == sizeof(v10_entry_symbol), "the entry symbol changed");

/* A field keeps its offset and size. */
#define SAME_FIELD(T, f)                                                                 \
    _Static_assert(offsetof(v10_##T, f) == offsetof(T, f), #T "." #f " moved");         \
    _Static_assert(sizeof(((v10_##T *)0)->f) == sizeof(((T *)0)->f), #T "." #f " changed size")
/* A struct without struct_size keeps its size. */
#define SAME_SIZE(T) _Static_assert(sizeof(v10_##T) == sizeof(T), #T " changed size: it has no struct_size, so it cannot grow")
/* A struct with struct_size may only grow. */
#define MAY_GROW(T) _Static_assert(sizeof(T) >= sizeof(v10_##T), #T " shrank")

SAME_SIZE(gleaner_str);
SAME_FIELD(gleaner_str, ptr);
SAME_FIELD(gleaner_str, len);

SAME_SIZE(gleaner_kv);
SAME_FIELD(gleaner_kv, key);
SAME_FIELD(gleaner_kv, value);

SAME_SIZE(gleaner_value);
SAME_FIELD(gleaner_value, type);
SAME_FIELD(gleaner_value, reserved);
SAME_FIELD(gleaner_value, str);
SAME_FIELD(gleaner_value, int_value);
SAME_FIELD(gleaner_value, float_value);

SAME_SIZE(gleaner_field);
SAME_FIELD(gleaner_field, key);
SAME_FIELD(gleaner_field, value);

SAME_SIZE(gleaner_record);
SAME_FIELD(gleaner_record, start);
SAME_FIELD(gleaner_record, end);
SAME_FIELD(gleaner_record, kind);
SAME_FIELD(gleaner_record, fields);
SAME_FIELD(gleaner_record, n_fields);

MAY_GROW(gleaner_document);
SAME_FIELD(gleaner_document, struct_size);
SAME_FIELD(gleaner_document, reserved);
SAME_FIELD(gleaner_document, id);
SAME_FIELD(gleaner_document, text);
SAME_FIELD(gleaner_document, content_type);
SAME_FIELD(gleaner_document, date);
SAME_FIELD(gleaner_document, url);
SAME_FIELD(gleaner_document, meta);
SAME_FIELD(gleaner_document, n_meta);

MAY_GROW(gleaner_host);
SAME_FIELD(gleaner_host, struct_size);
SAME_FIELD(gleaner_host, reserved);
SAME_FIELD(gleaner_host, ctx);
SAME_FIELD(gleaner_host, emit);
SAME_FIELD(gleaner_host, replace_text);
SAME_FIELD(gleaner_host, set_meta);
SAME_FIELD(gleaner_host, error);
SAME_FIELD(gleaner_host, log);

SAME_SIZE(gleaner_setting_spec);
SAME_FIELD(gleaner_setting_spec, name);
SAME_FIELD(gleaner_setting_spec, type);
SAME_FIELD(gleaner_setting_spec, reserved);
SAME_FIELD(gleaner_setting_spec, default_value);
SAME_FIELD(gleaner_setting_spec, description);

MAY_GROW(gleaner_create_args);
SAME_FIELD(gleaner_create_args, struct_size);
SAME_FIELD(gleaner_create_args, host_abi_minor);
SAME_FIELD(gleaner_create_args, settings);
SAME_FIELD(gleaner_create_args, n_settings);
SAME_FIELD(gleaner_create_args, ctx);
SAME_FIELD(gleaner_create_args, error);

MAY_GROW(gleaner_plugin_descriptor);
SAME_FIELD(gleaner_plugin_descriptor, magic);
SAME_FIELD(gleaner_plugin_descriptor, abi_major);
SAME_FIELD(gleaner_plugin_descriptor, abi_minor);
SAME_FIELD(gleaner_plugin_descriptor, struct_size);
SAME_FIELD(gleaner_plugin_descriptor, kind);
SAME_FIELD(gleaner_plugin_descriptor, flags);
SAME_FIELD(gleaner_plugin_descriptor, id);
SAME_FIELD(gleaner_plugin_descriptor, version);
SAME_FIELD(gleaner_plugin_descriptor, description);
SAME_FIELD(gleaner_plugin_descriptor, settings);
SAME_FIELD(gleaner_plugin_descriptor, n_settings);
SAME_FIELD(gleaner_plugin_descriptor, create);
SAME_FIELD(gleaner_plugin_descriptor, destroy);
SAME_FIELD(gleaner_plugin_descriptor, process);

/* Something to compile into. */
int gleaner_layout_check(void) {
    return (int)sizeof v10_entry_symbol;
}
