/*
 * {{name}}: a gleaner extractor plugin in C.
 *
 * The example finds years written as four digits (1900 to 2099 by
 * default; see the settings) that are not part of a longer number or word,
 * and emits one "year" record per year, with the year as its "value".
 * Replace process_document() with your own logic.
 *
 * The contract is gleaner_plugin.h (copied here from gleaner {{abi_version}}):
 *  - export ONE symbol, gleaner_plugin_entry_v1; build with
 *    -fvisibility=hidden so nothing else leaks (see the Makefile);
 *  - every string is a pointer + byte length, NOT NUL-terminated;
 *  - what the host passes in is borrowed for the call only; what you pass
 *    to a host callback is copied by the host before it returns;
 *  - start no threads; gleaner calls one instance from one thread at a
 *    time (unless you set GLEANER_FLAG_THREAD_SAFE);
 *  - if you compile this as C++, never let an exception escape a function
 *    the host calls.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gleaner_plugin.h"

#define EXPORT __attribute__((visibility("default")))
/* A gleaner_str from a string literal. */
#define STR(s) { (s), sizeof(s) - 1 }

/* One instance per worker thread: per-instance state. Large read-only
 * data (word lists, tables) belongs in static storage, built once. */
typedef struct {
    int64_t min_year;
    int64_t max_year;
} instance;

/* Declared settings: users set them with --set {{name}}.min_year=1950 or in
 * a [{{name}}] table of a --config TOML file. The host checks the types
 * before the run; create() gets every setting, defaults filled in. */
static const gleaner_setting_spec settings[] = {
    { STR("min_year"), GLEANER_TYPE_INT, 0, STR("1900"), STR("the smallest year reported") },
    { STR("max_year"), GLEANER_TYPE_INT, 0, STR("2099"), STR("the largest year reported") },
};

static bool str_is(gleaner_str s, const char *literal) {
    size_t n = strlen(literal);
    return s.len == n && (n == 0 || memcmp(s.ptr, literal, n) == 0);
}

/* Parses an integer setting (already checked by the host). */
static int64_t parse_int(gleaner_str s) {
    char buffer[32];
    size_t n = s.len < sizeof buffer - 1 ? s.len : sizeof buffer - 1;
    if (n > 0) memcpy(buffer, s.ptr, n);
    buffer[n] = '\0';
    return strtoll(buffer, NULL, 10);
}

static void fail(const gleaner_create_args *args, const char *message) {
    gleaner_str s = { message, strlen(message) };
    if (args->error) args->error(args->ctx, s);
}

static int32_t plugin_create(const gleaner_create_args *args, void **out) {
    instance *self = calloc(1, sizeof *self);
    if (!self) {
        fail(args, "out of memory");
        return GLEANER_ERROR;
    }
    self->min_year = 1900;
    self->max_year = 2099;
    for (size_t i = 0; i < args->n_settings; i++) {
        const gleaner_kv *kv = &args->settings[i];
        if (str_is(kv->key, "min_year")) self->min_year = parse_int(kv->value);
        if (str_is(kv->key, "max_year")) self->max_year = parse_int(kv->value);
    }
    if (self->min_year > self->max_year) {
        fail(args, "min_year is larger than max_year");
        free(self);
        return GLEANER_ERROR;
    }
    *out = self;
    return GLEANER_OK;
}

static void plugin_destroy(void *self) {
    free(self);
}

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/* Whether a byte glues onto a number (so "A1990" or "1990b" are not years). */
static bool glues(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Emits the records of document `doc`, number `d` of the batch. */
static void process_document(const instance *self, const gleaner_document *doc, size_t d, const gleaner_host *host) {
    const char *text = doc->text.ptr;
    size_t len = doc->text.len;
    size_t i = 0;
    while (i < len) {
        if (!is_digit(text[i])) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < len && is_digit(text[i])) i++;
        if (i - start != 4 || (start > 0 && glues(text[start - 1])) || (i < len && glues(text[i]))) continue;
        int64_t year = (text[start] - '0') * 1000 + (text[start + 1] - '0') * 100 + (text[start + 2] - '0') * 10 + (text[start + 3] - '0');
        if (year < self->min_year || year > self->max_year) continue;
        /* Offsets are bytes into the text; the field array only needs to
         * live until emit() returns (the host copies the record). */
        gleaner_field fields[1] = { { STR("value"), { GLEANER_TYPE_INT, 0, { NULL, 0 }, year, 0.0 } } };
        gleaner_record record = { start, i, STR("year"), fields, 1 };
        /* GLEANER_STOP: the host takes no more records for this document. */
        if (host->emit(host->ctx, d, &record) != GLEANER_OK) return;
    }
}

static int32_t plugin_process(void *self, const gleaner_document *docs, size_t n_docs, const gleaner_host *host) {
    for (size_t d = 0; d < n_docs; d++) {
        process_document(self, &docs[d], d, host);
    }
    return GLEANER_OK;
}

static const gleaner_plugin_descriptor descriptor = {
    .magic = GLEANER_ABI_MAGIC,
    .abi_major = GLEANER_ABI_MAJOR,
    .abi_minor = GLEANER_ABI_MINOR,
    .struct_size = sizeof(gleaner_plugin_descriptor),
    .kind = GLEANER_KIND_EXTRACTOR,
    .flags = 0,
    .id = STR("{{name}}"),
    .version = STR("0.1.0"),
    .description = STR("Finds years written as four digits (an example to replace)."),
    .settings = settings,
    .n_settings = sizeof settings / sizeof settings[0],
    .create = plugin_create,
    .destroy = plugin_destroy,
    .process = plugin_process,
};

/* The one exported symbol. */
EXPORT const gleaner_plugin_descriptor *gleaner_plugin_entry_v1(void) {
    return &descriptor;
}
