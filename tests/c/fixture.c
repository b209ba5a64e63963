/*
 * fixture.c -- a minimal plugin for the host's load-time checks. Each test
 * compiles it with -D macros that break one thing:
 *
 *   -DFIXTURE_ID='"name"'          the plugin id (default "fixture")
 *   -DFIXTURE_MAGIC=0x...          the descriptor's magic number
 *   -DFIXTURE_MAJOR=2              the ABI major it claims
 *   -DFIXTURE_STRUCT_SIZE=64       the descriptor size it claims
 *   -DFIXTURE_NO_PROCESS           leave the required process() out
 *   -DFIXTURE_UNDEFINED_SYMBOL     call a function no library defines
 *   -DFIXTURE_ENTRY=name           export the entry under another name
 *   -DFIXTURE_NO_ENTRY             export no entry at all (a plain library)
 *   -DFIXTURE_CREATE_FAILS         create() refuses with a message
 *   -DFIXTURE_FLAGS=1              descriptor flags (1: GLEANER_FLAG_THREAD_SAFE)
 *   -DFIXTURE_COUNT_INSTANCES      each record gets an "instance" field (the
 *                                  instance's creation number) and an error
 *                                  is reported if one instance is ever
 *                                  called by two threads at once, or if two
 *                                  create() calls ever overlapped (each
 *                                  create() sleeps 20 ms to make it likely)
 *   -DFIXTURE_BAD_RECORDS          emit six malformed records and one good one
 *                                  per document, one record for a document
 *                                  index outside the batch, and a log line
 *   -DFIXTURE_BATCH_FAILS          process() fails the whole batch after
 *                                  emitting for the first document only
 *
 * Unchanged, it is a valid extractor that emits one "doc" record per
 * document over the whole text.
 */
#ifdef FIXTURE_COUNT_INSTANCES
#define _POSIX_C_SOURCE 199309L
#include <time.h>
#endif
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "gleaner_plugin.h"

#ifndef FIXTURE_ID
#define FIXTURE_ID "fixture"
#endif
#ifndef FIXTURE_MAGIC
#define FIXTURE_MAGIC GLEANER_ABI_MAGIC
#endif
#ifndef FIXTURE_MAJOR
#define FIXTURE_MAJOR GLEANER_ABI_MAJOR
#endif
#ifndef FIXTURE_STRUCT_SIZE
#define FIXTURE_STRUCT_SIZE sizeof(gleaner_plugin_descriptor)
#endif
#ifndef FIXTURE_FLAGS
#define FIXTURE_FLAGS 0
#endif
#ifndef FIXTURE_ENTRY
#define FIXTURE_ENTRY gleaner_plugin_entry_v1
#endif

#define EXPORT __attribute__((visibility("default")))
#define STR(s) { (s), sizeof(s) - 1 }

#ifdef FIXTURE_UNDEFINED_SYMBOL
extern int gleaner_fixture_function_that_does_not_exist(void);
#endif

__attribute__((unused)) static int token;

#ifdef FIXTURE_COUNT_INSTANCES
typedef struct {
    int64_t number;
    atomic_int busy;
} counted;
static atomic_int_fast64_t created;
static atomic_int creating;
static atomic_int create_overlapped;
#endif

static int32_t fixture_create(const gleaner_create_args *args, void **instance) {
#ifdef FIXTURE_CREATE_FAILS
    gleaner_str message = STR("the fixture refuses to start");
    args->error(args->ctx, message);
    (void)instance;
    return GLEANER_ERROR;
#elif defined(FIXTURE_COUNT_INSTANCES)
    (void)args;
    if (atomic_fetch_add(&creating, 1) != 0) atomic_store(&create_overlapped, 1);
    struct timespec pause = { 0, 20 * 1000 * 1000 };
    nanosleep(&pause, NULL);
    atomic_fetch_sub(&creating, 1);
    counted *c = calloc(1, sizeof *c);
    if (!c) return GLEANER_ERROR;
    c->number = (int64_t)atomic_fetch_add(&created, 1) + 1;
    *instance = c;
    return GLEANER_OK;
#else
    (void)args;
    *instance = &token;
    return GLEANER_OK;
#endif
}

static void fixture_destroy(void *instance) {
#ifdef FIXTURE_COUNT_INSTANCES
    free(instance);
#else
    (void)instance;
#endif
}

__attribute__((unused)) static int32_t fixture_process(void *instance, const gleaner_document *docs, size_t n_docs, const gleaner_host *host) {
    (void)instance;
#ifdef FIXTURE_UNDEFINED_SYMBOL
    if (gleaner_fixture_function_that_does_not_exist() != 0) return GLEANER_ERROR;
#endif
#ifdef FIXTURE_COUNT_INSTANCES
    counted *c = instance;
    int concurrent = atomic_exchange(&c->busy, 1);
    for (size_t d = 0; d < n_docs; d++) {
        gleaner_field field;
        memset(&field, 0, sizeof field);
        field.key = (gleaner_str)STR("instance");
        field.value.type = GLEANER_TYPE_INT;
        field.value.int_value = c->number;
        gleaner_record record = { 0, docs[d].text.len, STR("doc"), &field, 1 };
        host->emit(host->ctx, d, &record);
        if (concurrent && !(FIXTURE_FLAGS & GLEANER_FLAG_THREAD_SAFE)) {
            host->error(host->ctx, d, (gleaner_str)STR("called by two threads at once"));
        }
        if (atomic_load(&create_overlapped)) {
            host->error(host->ctx, d, (gleaner_str)STR("two create() calls overlapped"));
        }
    }
    if (!concurrent) atomic_store(&c->busy, 0);
    return GLEANER_OK;
#endif
#ifdef FIXTURE_BAD_RECORDS
    host->log(host->ctx, GLEANER_LOG_WARN, (gleaner_str)STR("fixture says hello"));
    for (size_t d = 0; d < n_docs; d++) {
        gleaner_field f[2];
        memset(f, 0, sizeof f);
        f[0].key = (gleaner_str)STR("a");
        f[0].value.type = GLEANER_TYPE_NULL;
        f[1] = f[0];
        gleaner_record r = { 0, 0, STR(""), NULL, 0 };
        host->emit(host->ctx, d, &r); /* empty kind */
        r.kind = (gleaner_str)STR("bad");
        f[1].key = (gleaner_str)STR("start");
        r.fields = f;
        r.n_fields = 2;
        host->emit(host->ctx, d, &r); /* reserved key */
        f[1].key = (gleaner_str)STR("a");
        host->emit(host->ctx, d, &r); /* repeated key */
        r.n_fields = 1;
        f[0].value.type = GLEANER_TYPE_FLOAT;
        f[0].value.float_value = __builtin_nan("");
        host->emit(host->ctx, d, &r); /* NaN */
        f[0].value.type = GLEANER_TYPE_BOOL;
        f[0].value.int_value = 7;
        host->emit(host->ctx, d, &r); /* bool that is not 0 or 1 */
        f[0].value.type = GLEANER_TYPE_STRING;
        f[0].value.str = (gleaner_str)STR("\xff");
        host->emit(host->ctx, d, &r); /* invalid UTF-8 */
        f[0].value.type = GLEANER_TYPE_FLOAT;
        f[0].value.float_value = 0.25;
        r.kind = (gleaner_str)STR("ok");
        host->emit(host->ctx, d, &r); /* fine */
    }
    gleaner_record outside = { 0, 0, STR("outside"), NULL, 0 };
    host->emit(host->ctx, n_docs, &outside);
    return GLEANER_OK;
#endif
    for (size_t d = 0; d < n_docs; d++) {
        gleaner_record record = { 0, docs[d].text.len, STR("doc"), NULL, 0 };
        host->emit(host->ctx, d, &record);
#ifdef FIXTURE_BATCH_FAILS
        return GLEANER_ERROR;
#endif
    }
    return GLEANER_OK;
}

static const gleaner_plugin_descriptor descriptor = {
    FIXTURE_MAGIC,
    FIXTURE_MAJOR,
    GLEANER_ABI_MINOR,
    FIXTURE_STRUCT_SIZE,
    GLEANER_KIND_EXTRACTOR,
    FIXTURE_FLAGS,
    STR(FIXTURE_ID),
    STR("0.0.1"),
    STR("A load-check fixture."),
    NULL,
    0,
    fixture_create,
    fixture_destroy,
#ifdef FIXTURE_NO_PROCESS
    NULL,
#else
    fixture_process,
#endif
};

#ifdef FIXTURE_NO_ENTRY
EXPORT int fixture_not_a_plugin(void) {
    return descriptor.kind == GLEANER_KIND_EXTRACTOR;
}
#else
EXPORT const gleaner_plugin_descriptor *FIXTURE_ENTRY(void) {
    return &descriptor;
}
#endif
