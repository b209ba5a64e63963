/*
 * rewriter.c -- a transform fixture for the host's pipeline tests: text
 * replacement, re-anchoring, metadata and misuse of replace_text.
 *
 * For each document it:
 *   - emits a "word" record over the first occurrence of ANCHOR in the text
 *     it outputs (so the host must check it against the NEW text);
 *   - sets the metadata "date" = "2001-02-03" and "seen_by_<id>" = "yes";
 *   - calls replace_text with PREFIX + the text (or, with -DDELETE_WORD='"w"',
 *     the text with every occurrence of w removed and no record;
 *     -DDELETE_ANCHOR is -DDELETE_WORD=ANCHOR);
 *   - with -DECHO_META, emits no text but one "meta" record whose fields
 *     are the document's date and metadata (to see what earlier plugins set).
 *
 *   -DREWRITER_ID='"name"'   plugin id (default "rewriter")
 *   -DREWRITER_KIND=1        GLEANER_KIND_EXTRACTOR (default: 2, transform)
 */
#include <stdlib.h>
#include <string.h>

#include "gleaner_plugin.h"

#ifndef REWRITER_ID
#define REWRITER_ID "rewriter"
#endif
#ifndef REWRITER_KIND
#define REWRITER_KIND GLEANER_KIND_TRANSFORM
#endif
#ifndef PREFIX
#define PREFIX ">> "
#endif
#define ANCHOR "anchor"
#ifdef DELETE_ANCHOR
#define DELETE_WORD ANCHOR
#endif

#define EXPORT __attribute__((visibility("default")))
#define STR(s) { (s), sizeof(s) - 1 }

static int token;

static int32_t rw_create(const gleaner_create_args *args, void **instance) {
    (void)args;
    *instance = &token;
    return GLEANER_OK;
}

static void rw_destroy(void *instance) {
    (void)instance;
}

#if !defined(ECHO_META) && !defined(DELETE_WORD)
/* First occurrence of ANCHOR in s[0..n), or -1. */
static long find_anchor(const char *s, size_t n) {
    size_t m = sizeof(ANCHOR) - 1;
    for (size_t i = 0; i + m <= n; i++) {
        if (memcmp(s + i, ANCHOR, m) == 0) return (long)i;
    }
    return -1;
}
#endif

static int32_t rw_process(void *instance, const gleaner_document *docs, size_t n_docs, const gleaner_host *host) {
    (void)instance;
    for (size_t d = 0; d < n_docs; d++) {
        const gleaner_document *doc = &docs[d];
#ifdef ECHO_META
        gleaner_field fields[8];
        memset(fields, 0, sizeof fields);
        size_t n = 0;
        fields[n].key = (gleaner_str)STR("date");
        fields[n].value.type = GLEANER_TYPE_STRING;
        fields[n].value.str = doc->date;
        n++;
        for (size_t i = 0; i < doc->n_meta && n < 8; i++, n++) {
            fields[n].key = doc->meta[i].key;
            fields[n].value.type = GLEANER_TYPE_STRING;
            fields[n].value.str = doc->meta[i].value;
        }
        gleaner_record meta = { 0, 0, STR("meta"), fields, n };
        host->emit(host->ctx, d, &meta);
#else
        size_t prefix = sizeof(PREFIX) - 1;
        char *out = malloc(prefix + doc->text.len + 1);
        if (!out) return GLEANER_ERROR;
        size_t len = 0;
#ifdef DELETE_WORD
        size_t m = sizeof(DELETE_WORD) - 1;
        for (size_t i = 0; i < doc->text.len;) {
            if (i + m <= doc->text.len && memcmp(doc->text.ptr + i, DELETE_WORD, m) == 0) {
                i += m;
            } else {
                out[len++] = doc->text.ptr[i++];
            }
        }
#else
        memcpy(out, PREFIX, prefix);
        if (doc->text.len) memcpy(out + prefix, doc->text.ptr, doc->text.len);
        len = prefix + doc->text.len;
        long at = find_anchor(out, len);
        if (at >= 0) {
            gleaner_record record = { (size_t)at, (size_t)at + sizeof(ANCHOR) - 1, STR("word"), NULL, 0 };
            host->emit(host->ctx, d, &record);
        }
#endif
        host->set_meta(host->ctx, d, (gleaner_str)STR("date"), (gleaner_str)STR("2001-02-03"));
        host->set_meta(host->ctx, d, (gleaner_str)STR("seen_by_" REWRITER_ID), (gleaner_str)STR("yes"));
        gleaner_str text = { out, len };
        host->replace_text(host->ctx, d, text);
        free(out);
#endif
    }
    return GLEANER_OK;
}

static const gleaner_plugin_descriptor descriptor = {
    GLEANER_ABI_MAGIC,
    GLEANER_ABI_MAJOR,
    GLEANER_ABI_MINOR,
    sizeof(gleaner_plugin_descriptor),
    REWRITER_KIND,
    0,
    STR(REWRITER_ID),
    STR("0.0.1"),
    STR("A transform fixture."),
    NULL,
    0,
    rw_create,
    rw_destroy,
    rw_process,
};

EXPORT const gleaner_plugin_descriptor *gleaner_plugin_entry_v1(void) {
    return &descriptor;
}
