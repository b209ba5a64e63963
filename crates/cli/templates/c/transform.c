/*
 * {{name}}: a gleaner transform plugin in C.
 *
 * A transform rewrites a document's text before every extractor runs
 * (extractors then see, and their offsets refer to, the new text). The
 * example squeezes whitespace: inside a paragraph every run of whitespace
 * (line breaks included) becomes one space; paragraphs, separated by
 * blank lines, stay separated by exactly one blank line (or, with
 * keep_paragraphs = false, are joined with a space). Replace
 * squeeze() with your own logic.
 *
 * The contract is gleaner_plugin.h (copied here from gleaner {{abi_version}}):
 *  - export ONE symbol, gleaner_plugin_entry_v1; build with
 *    -fvisibility=hidden so nothing else leaks (see the Makefile);
 *  - every string is a pointer + byte length, NOT NUL-terminated;
 *  - what the host passes in is borrowed for the call only; what you pass
 *    to a host callback (replace_text here) is copied before it returns;
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

/* One instance per worker thread: per-instance state (here a reusable
 * output buffer, so no allocation per document once it has grown). */
typedef struct {
    bool keep_paragraphs;
    char *buffer;
    size_t capacity;
} instance;

/* Users set this with --set {{name}}.keep_paragraphs=false or in a
 * [{{name}}] table of a --config TOML file. */
static const gleaner_setting_spec settings[] = {
    { STR("keep_paragraphs"), GLEANER_TYPE_BOOL, 0, STR("true"),
      STR("keep blank lines between paragraphs (else join everything with spaces)") },
};

static bool str_is(gleaner_str s, const char *literal) {
    size_t n = strlen(literal);
    return s.len == n && (n == 0 || memcmp(s.ptr, literal, n) == 0);
}

static int32_t plugin_create(const gleaner_create_args *args, void **out) {
    instance *self = calloc(1, sizeof *self);
    if (!self) {
        gleaner_str message = STR("out of memory");
        if (args->error) args->error(args->ctx, message);
        return GLEANER_ERROR;
    }
    self->keep_paragraphs = true;
    for (size_t i = 0; i < args->n_settings; i++) {
        /* Booleans arrive as "true" or "false", checked by the host. */
        if (str_is(args->settings[i].key, "keep_paragraphs")) self->keep_paragraphs = str_is(args->settings[i].value, "true");
    }
    *out = self;
    return GLEANER_OK;
}

static void plugin_destroy(void *p) {
    instance *self = p;
    free(self->buffer);
    free(self);
}

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Writes the squeezed text into self->buffer; returns its length. The
 * output is never longer than the input. */
static size_t squeeze(const instance *self, const char *text, size_t len) {
    size_t n = 0;
    size_t i = 0;
    while (i < len) {
        if (!is_space(text[i])) {
            self->buffer[n++] = text[i++];
            continue;
        }
        size_t newlines = 0;
        while (i < len && is_space(text[i])) newlines += text[i++] == '\n';
        if (n == 0 || i == len) continue; /* nothing at the start or the end */
        if (newlines >= 2 && self->keep_paragraphs) {
            self->buffer[n++] = '\n';
            self->buffer[n++] = '\n';
        } else {
            self->buffer[n++] = ' ';
        }
    }
    return n;
}

static int32_t plugin_process(void *p, const gleaner_document *docs, size_t n_docs, const gleaner_host *host) {
    instance *self = p;
    for (size_t d = 0; d < n_docs; d++) {
        gleaner_str text = docs[d].text;
        if (text.len + 1 > self->capacity) {
            char *grown = realloc(self->buffer, text.len + 1);
            if (!grown) {
                gleaner_str message = STR("out of memory");
                host->error(host->ctx, d, message);
                continue;
            }
            self->buffer = grown;
            self->capacity = text.len + 1;
        }
        size_t n = squeeze(self, text.ptr, text.len);
        if (n == text.len && (n == 0 || memcmp(self->buffer, text.ptr, n) == 0)) continue; /* unchanged */
        /* The host copies the new text before replace_text returns. */
        gleaner_str squeezed = { self->buffer, n };
        host->replace_text(host->ctx, d, squeezed);
    }
    return GLEANER_OK;
}

static const gleaner_plugin_descriptor descriptor = {
    .magic = GLEANER_ABI_MAGIC,
    .abi_major = GLEANER_ABI_MAJOR,
    .abi_minor = GLEANER_ABI_MINOR,
    .struct_size = sizeof(gleaner_plugin_descriptor),
    .kind = GLEANER_KIND_TRANSFORM,
    .flags = 0,
    .id = STR("{{name}}"),
    .version = STR("0.1.0"),
    .description = STR("Squeezes runs of whitespace (an example transform to replace)."),
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
