/*
 * plugin.c -- a plugin built against the FROZEN v1.0 header next to it
 * (tests/abi-v1.0/gleaner_plugin.h, a byte copy of the header as released
 * in gleaner ABI 1.0, never to be edited). tests/abi_compat.rs compiles it
 * and checks that the current host still loads and runs it: a plugin built
 * today must keep working with every later 1.x gleaner.
 *
 * It touches every part of the v1.0 contract: settings of each type with
 * defaults, create() arguments and create errors, document fields and
 * metadata, records with fields of every value type, emit's stop status,
 * per-document errors and logging. It also checks, from the plugin's side,
 * that the host hands it structs at least as large as v1.0's.
 *
 * Build variants (-D):
 *   -DV10_MINOR=n      claim ABI minor n (default: 0, this header's)
 *   -DV10_MAJOR=n      claim ABI major n (default: 1)
 *   -DV10_EXTENDED     append fields to the descriptor, as a plugin built
 *                      for a later minor would, and declare the larger
 *                      struct_size
 *
 * Per document it emits one "doc" record over the whole text, with fields
 * id, date (null when empty), meta (the number of metadata pairs),
 * host_minor, label (string setting), limit (int), ratio (float) and
 * strict (bool); then one "word" record per occurrence of the `word`
 * setting, up to `limit`. A text containing "FAIL" gets an error instead.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gleaner_plugin.h"

#ifndef V10_MINOR
#define V10_MINOR GLEANER_ABI_MINOR
#endif
#ifndef V10_MAJOR
#define V10_MAJOR GLEANER_ABI_MAJOR
#endif

#define EXPORT __attribute__((visibility("default")))
#define STR(s) { (s), sizeof(s) - 1 }

typedef struct {
    char label[64];
    size_t label_len;
    char word[64];
    size_t word_len;
    int64_t limit;
    double ratio;
    bool strict;
    uint32_t host_minor;
} v10_instance;

static const gleaner_setting_spec settings[] = {
    { STR("label"), GLEANER_TYPE_STRING, 0, STR("none"), STR("a text copied into every doc record") },
    { STR("word"), GLEANER_TYPE_STRING, 0, STR("gleaner"), STR("the word to find") },
    { STR("limit"), GLEANER_TYPE_INT, 0, STR("10"), STR("at most this many word records per document") },
    { STR("ratio"), GLEANER_TYPE_FLOAT, 0, STR("0.5"), STR("a number copied into every doc record") },
    { STR("strict"), GLEANER_TYPE_BOOL, 0, STR("false"), STR("a flag copied into every doc record") },
};

static bool str_is(gleaner_str s, const char *literal) {
    size_t n = strlen(literal);
    return s.len == n && (n == 0 || memcmp(s.ptr, literal, n) == 0);
}

/* Copies a setting into a NUL-terminated buffer; false if it does not fit. */
static bool copy(gleaner_str s, char *buffer, size_t size, size_t *len) {
    if (s.len >= size) return false;
    if (s.len > 0) memcpy(buffer, s.ptr, s.len);
    buffer[s.len] = '\0';
    if (len) *len = s.len;
    return true;
}

static void create_error(const gleaner_create_args *args, const char *message) {
    gleaner_str s = { message, strlen(message) };
    if (args->error) args->error(args->ctx, s);
}

static int32_t v10_create(const gleaner_create_args *args, void **out) {
    if (args->struct_size < 40) {
        create_error(args, "create args smaller than ABI 1.0's");
        return GLEANER_ERROR;
    }
    v10_instance *self = calloc(1, sizeof *self);
    if (!self) return GLEANER_ERROR;
    self->host_minor = args->host_abi_minor;
    char number[64];
    for (size_t i = 0; i < args->n_settings; i++) {
        gleaner_kv kv = args->settings[i];
        bool ok = true;
        if (str_is(kv.key, "label")) ok = copy(kv.value, self->label, sizeof self->label, &self->label_len);
        else if (str_is(kv.key, "word")) ok = copy(kv.value, self->word, sizeof self->word, &self->word_len);
        else if (str_is(kv.key, "limit") && (ok = copy(kv.value, number, sizeof number, NULL))) self->limit = strtoll(number, NULL, 10);
        else if (str_is(kv.key, "ratio") && (ok = copy(kv.value, number, sizeof number, NULL))) self->ratio = strtod(number, NULL);
        else if (str_is(kv.key, "strict")) self->strict = str_is(kv.value, "true");
        if (!ok) {
            create_error(args, "a setting is longer than 63 bytes");
            free(self);
            return GLEANER_ERROR;
        }
    }
    if (self->word_len == 0) {
        create_error(args, "word must not be empty");
        free(self);
        return GLEANER_ERROR;
    }
    *out = self;
    return GLEANER_OK;
}

static void v10_destroy(void *self) {
    free(self);
}

static gleaner_value text_value(const char *ptr, size_t len) {
    gleaner_value v = { GLEANER_TYPE_STRING, 0, { ptr, len }, 0, 0.0 };
    return v;
}

static void doc_error(const gleaner_host *host, size_t d, const char *message) {
    gleaner_str s = { message, strlen(message) };
    host->error(host->ctx, d, s);
}

static int32_t v10_process(void *p, const gleaner_document *docs, size_t n_docs, const gleaner_host *host) {
    const v10_instance *self = p;
    if (host->struct_size < 56) return GLEANER_ERROR;
    for (size_t d = 0; d < n_docs; d++) {
        const gleaner_document *doc = &docs[d];
        if (doc->struct_size < 104) {
            doc_error(host, d, "document smaller than ABI 1.0's");
            continue;
        }
        const char *text = doc->text.ptr;
        size_t len = doc->text.len;
        bool fail = false;
        for (size_t i = 0; i + 4 <= len; i++) fail = fail || memcmp(text + i, "FAIL", 4) == 0;
        if (fail) {
            gleaner_str message = STR("the text asks this document to fail");
            host->log(host->ctx, GLEANER_LOG_WARN, message);
            doc_error(host, d, "asked to fail");
            continue;
        }
        gleaner_field fields[8];
        fields[0].key = (gleaner_str)STR("id");
        fields[0].value = text_value(doc->id.ptr, doc->id.len);
        fields[1].key = (gleaner_str)STR("date");
        if (doc->date.len > 0) {
            fields[1].value = text_value(doc->date.ptr, doc->date.len);
        } else {
            gleaner_value null_value = { GLEANER_TYPE_NULL, 0, { NULL, 0 }, 0, 0.0 };
            fields[1].value = null_value;
        }
        gleaner_value meta = { GLEANER_TYPE_INT, 0, { NULL, 0 }, (int64_t)doc->n_meta, 0.0 };
        gleaner_value host_minor = { GLEANER_TYPE_INT, 0, { NULL, 0 }, self->host_minor, 0.0 };
        gleaner_value limit = { GLEANER_TYPE_INT, 0, { NULL, 0 }, self->limit, 0.0 };
        gleaner_value ratio = { GLEANER_TYPE_FLOAT, 0, { NULL, 0 }, 0, self->ratio };
        gleaner_value strict = { GLEANER_TYPE_BOOL, 0, { NULL, 0 }, self->strict ? 1 : 0, 0.0 };
        fields[2].key = (gleaner_str)STR("meta");
        fields[2].value = meta;
        fields[3].key = (gleaner_str)STR("host_minor");
        fields[3].value = host_minor;
        fields[4].key = (gleaner_str)STR("label");
        fields[4].value = text_value(self->label, self->label_len);
        fields[5].key = (gleaner_str)STR("limit");
        fields[5].value = limit;
        fields[6].key = (gleaner_str)STR("ratio");
        fields[6].value = ratio;
        fields[7].key = (gleaner_str)STR("strict");
        fields[7].value = strict;
        gleaner_record record = { 0, len, STR("doc"), fields, 8 };
        if (host->emit(host->ctx, d, &record) != GLEANER_OK) continue;
        int64_t emitted = 0;
        for (size_t i = 0; i + self->word_len <= len && emitted < self->limit; i++) {
            if (memcmp(text + i, self->word, self->word_len) != 0) continue;
            gleaner_record word = { i, i + self->word_len, STR("word"), NULL, 0 };
            if (host->emit(host->ctx, d, &word) != GLEANER_OK) break;
            emitted++;
        }
    }
    return GLEANER_OK;
}

#define V1_0_DESCRIPTOR                                                    \
    {                                                                      \
        GLEANER_ABI_MAGIC, V10_MAJOR, V10_MINOR, DESCRIPTOR_SIZE,          \
        GLEANER_KIND_EXTRACTOR, 0, STR("abi_v1_0"), STR("1.0.0"),          \
        STR("A plugin built against the frozen ABI 1.0 header."),          \
        settings, sizeof settings / sizeof settings[0],                    \
        v10_create, v10_destroy, v10_process                               \
    }

#ifdef V10_EXTENDED
/* What a plugin built for a later minor looks like to this host: the v1.0
 * descriptor followed by fields the host does not know, with struct_size
 * covering them all. */
typedef struct {
    gleaner_plugin_descriptor v1_0;
    int32_t (*a_later_callback)(void *instance);
    uint64_t a_later_flag_word;
} later_descriptor;

static int32_t a_later_callback(void *instance) {
    (void)instance;
    return GLEANER_OK;
}

#define DESCRIPTOR_SIZE sizeof(later_descriptor)
static const later_descriptor descriptor = { V1_0_DESCRIPTOR, a_later_callback, ~(uint64_t)0 };

EXPORT const gleaner_plugin_descriptor *gleaner_plugin_entry_v1(void) {
    return &descriptor.v1_0;
}
#else
#define DESCRIPTOR_SIZE sizeof(gleaner_plugin_descriptor)
static const gleaner_plugin_descriptor descriptor = V1_0_DESCRIPTOR;

EXPORT const gleaner_plugin_descriptor *gleaner_plugin_entry_v1(void) {
    return &descriptor;
}
#endif
