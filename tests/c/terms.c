/*
 * terms.c -- the `terms` example extractor written in plain C11 against
 * gleaner_plugin.h. It behaves exactly like plugins/terms (Rust): finds
 * whole-word occurrences of a comma-separated list of terms and emits one
 * `term` record for each; the tests run both and compare their output.
 *
 * Build:  cc -shared -fPIC -std=c11 -O2 -fvisibility=hidden \
 *            -I crates/abi/include -o libgleaner_plugin_terms.so tests/c/terms.c
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "gleaner_plugin.h"

#define EXPORT __attribute__((visibility("default")))
#define STR(s) { (s), sizeof(s) - 1 }

typedef struct {
    char *storage;    /* the terms setting, copied; terms point into it */
    gleaner_str *terms;
    size_t n_terms;
    bool ignore_case;
} terms_plugin;

static const gleaner_setting_spec settings[] = {
    { STR("terms"), GLEANER_TYPE_STRING, 0, STR(""), STR("comma-separated terms to find, e.g. 'oil,gold,wheat'") },
    { STR("ignore_case"), GLEANER_TYPE_BOOL, 0, STR("false"), STR("match ASCII letters regardless of case") },
};

static bool str_eq(gleaner_str s, const char *lit) {
    size_t n = strlen(lit);
    return s.len == n && (n == 0 || memcmp(s.ptr, lit, n) == 0);
}

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void report(const gleaner_create_args *args, const char *message) {
    if (args->error) {
        gleaner_str s = { message, strlen(message) };
        args->error(args->ctx, s);
    }
}

static int32_t terms_create(const gleaner_create_args *args, void **instance) {
    terms_plugin *p = calloc(1, sizeof *p);
    if (!p) {
        report(args, "out of memory");
        return GLEANER_ERROR;
    }
    gleaner_str list = { NULL, 0 };
    for (size_t i = 0; i < args->n_settings; i++) {
        const gleaner_kv *kv = &args->settings[i];
        if (str_eq(kv->key, "terms")) {
            list = kv->value;
        } else if (str_eq(kv->key, "ignore_case")) {
            p->ignore_case = str_eq(kv->value, "true");
        }
    }
    p->storage = malloc(list.len + 1);
    p->terms = calloc(list.len / 2 + 1, sizeof *p->terms);
    if (!p->storage || !p->terms) {
        free(p->storage);
        free(p->terms);
        free(p);
        report(args, "out of memory");
        return GLEANER_ERROR;
    }
    if (list.len > 0) {
        memcpy(p->storage, list.ptr, list.len);
    }
    /* Split on ',', trim each piece, skip empty ones. */
    size_t start = 0;
    for (size_t i = 0; i <= list.len; i++) {
        if (i < list.len && p->storage[i] != ',') {
            continue;
        }
        size_t a = start, b = i;
        while (a < b && is_space(p->storage[a])) a++;
        while (b > a && is_space(p->storage[b - 1])) b--;
        if (b > a) {
            p->terms[p->n_terms].ptr = p->storage + a;
            p->terms[p->n_terms].len = b - a;
            p->n_terms++;
        }
        start = i + 1;
    }
    *instance = p;
    return GLEANER_OK;
}

static void terms_destroy(void *instance) {
    terms_plugin *p = instance;
    if (p) {
        free(p->storage);
        free(p->terms);
        free(p);
    }
}

/* Whether the byte at i continues a word (ASCII alphanumeric or non-ASCII). */
static bool is_word_byte(const unsigned char *text, size_t len, size_t i) {
    if (i >= len) return false;
    unsigned char b = text[i];
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b >= 0x80;
}

static unsigned char lower(unsigned char c) {
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static bool same(const unsigned char *a, const char *b, size_t n, bool ignore_case) {
    if (!ignore_case) return memcmp(a, b, n) == 0;
    for (size_t i = 0; i < n; i++) {
        if (lower(a[i]) != lower((unsigned char)b[i])) return false;
    }
    return true;
}

static int32_t terms_process(void *instance, const gleaner_document *docs, size_t n_docs, const gleaner_host *host) {
    const terms_plugin *p = instance;
    for (size_t d = 0; d < n_docs; d++) {
        const unsigned char *text = (const unsigned char *)docs[d].text.ptr;
        size_t len = docs[d].text.len;
        bool stopped = false;
        for (size_t start = 0; start < len && !stopped; start++) {
            if (start > 0 && is_word_byte(text, len, start - 1)) continue;
            for (size_t t = 0; t < p->n_terms && !stopped; t++) {
                gleaner_str term = p->terms[t];
                size_t end = start + term.len;
                if (end > len || !same(text + start, term.ptr, term.len, p->ignore_case) || is_word_byte(text, len, end)) {
                    continue;
                }
                gleaner_field field;
                memset(&field, 0, sizeof field);
                field.key.ptr = "term";
                field.key.len = 4;
                field.value.type = GLEANER_TYPE_STRING;
                field.value.str = term;
                gleaner_record record = { start, end, STR("term"), &field, 1 };
                stopped = host->emit(host->ctx, d, &record) != GLEANER_OK;
            }
        }
    }
    return GLEANER_OK;
}

static const gleaner_plugin_descriptor descriptor = {
    GLEANER_ABI_MAGIC,
    GLEANER_ABI_MAJOR,
    GLEANER_ABI_MINOR,
    sizeof(gleaner_plugin_descriptor),
    GLEANER_KIND_EXTRACTOR,
    0,
    STR("terms"),
    STR("0.1.0"),
    STR("Finds whole-word occurrences of a list of terms (an example plugin)."),
    settings,
    sizeof settings / sizeof settings[0],
    terms_create,
    terms_destroy,
    terms_process,
};

EXPORT const gleaner_plugin_descriptor *gleaner_plugin_entry_v1(void) {
    return &descriptor;
}
