/*
 * gleaner_plugin.h -- the gleaner extractor plugin ABI, version 1.
 *
 * This header is the contract between the gleaner host and its plugins.
 * A plugin is a shared library that exports ONE symbol:
 *
 *     const gleaner_plugin_descriptor *gleaner_plugin_entry_v1(void);
 *
 * The host calls it once, right after dlopen(RTLD_NOW), checks the
 * descriptor (magic, ABI major, struct size, required functions, id) and
 * refuses the plugin with a message naming the file if any check fails.
 * Plugins are never unloaded: pointers a plugin hands out with a "static"
 * lifetime stay valid until the process exits.
 *
 * General rules, valid for every type and function below:
 *
 *  - Strings are gleaner_str views: a pointer and a byte length, UTF-8,
 *    NOT NUL-terminated. A view with len == 0 may have ptr == NULL.
 *  - Nothing allocated on one side is freed on the other. Data the host
 *    passes in is borrowed for the duration of the call only; data the
 *    plugin passes to a host callback is borrowed for the duration of
 *    that callback only (the host copies what it keeps).
 *  - Versioning: a struct that carries `struct_size` may grow by appending
 *    fields at the end in a later MINOR version. A reader must never read
 *    past the `struct_size` the writer declared. A MAJOR bump is the only
 *    way to change or remove anything, and the host refuses plugins built
 *    for another major.
 *  - No function may let an exception or a Rust panic unwind across the
 *    boundary. The Rust SDK's export macro guarantees this.
 *  - Plugins must not start threads or thread pools: the host owns
 *    parallelism and calls plugins from its worker threads.
 *
 * Versioning policy: ABI 1.x is frozen for what it contains. A minor
 * version (1.1, 1.2, ...) only appends fields, flags, enum values and
 * callbacks; a host of minor M loads plugins of any minor <= M and also of
 * newer minors (it ignores the fields it does not know). A new major
 * exports a new entry symbol (gleaner_plugin_entry_v2).
 */
#ifndef GLEANER_PLUGIN_H
#define GLEANER_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* "GLNR" read as a little-endian 32-bit integer. */
#define GLEANER_ABI_MAGIC 0x524E4C47u
#define GLEANER_ABI_MAJOR 1u
#define GLEANER_ABI_MINOR 0u

/* The name of the one symbol a plugin exports. */
#define GLEANER_PLUGIN_ENTRY_SYMBOL "gleaner_plugin_entry_v1"

/* Plugin kinds (gleaner_plugin_descriptor.kind). */
/* Emits records (spans with fields) over the document's text. */
#define GLEANER_KIND_EXTRACTOR 1u
/* Rewrites the document's text (replace_text); may also emit records,
 * whose spans then refer to the text it outputs. Transforms run in order,
 * before every extractor. */
#define GLEANER_KIND_TRANSFORM 2u

/* Descriptor flags (gleaner_plugin_descriptor.flags). */
/* One instance may be called from several threads AT THE SAME TIME.
 * Without this flag the host creates one instance per worker thread and
 * never calls one instance concurrently (it may still call it from
 * different threads one after the other). */
#define GLEANER_FLAG_THREAD_SAFE ((uint64_t)1u << 0)

/* Types of setting values and record field values. */
#define GLEANER_TYPE_STRING 1u /* gleaner_value.str */
#define GLEANER_TYPE_INT 2u    /* gleaner_value.int_value */
#define GLEANER_TYPE_FLOAT 3u  /* gleaner_value.float_value; must be finite */
#define GLEANER_TYPE_BOOL 4u   /* gleaner_value.int_value, 0 or 1 */
#define GLEANER_TYPE_NULL 5u   /* no payload (JSON null) */

/* Status codes returned by plugin functions and host callbacks. */
#define GLEANER_OK 0
/* A host callback returns GLEANER_STOP when it will accept no more output
 * for this document (e.g. a record limit was reached, or the call was
 * invalid and has been turned into an error). The plugin should move on
 * to the next document; it is not a failure of the plugin. */
#define GLEANER_STOP 1
/* A plugin function failed as a whole; the host marks every document of
 * the batch that has no output yet with an error. */
#define GLEANER_ERROR (-1)

/* Log levels for gleaner_host.log. */
#define GLEANER_LOG_ERROR 1u
#define GLEANER_LOG_WARN 2u
#define GLEANER_LOG_INFO 3u
#define GLEANER_LOG_DEBUG 4u

/* A borrowed UTF-8 string: pointer + length in bytes, not NUL-terminated. */
typedef struct gleaner_str {
    const char *ptr; /* first byte; may be NULL when len == 0 */
    size_t len;      /* length in bytes */
} gleaner_str;

/* A key/value pair of strings (document metadata, setting values). */
typedef struct gleaner_kv {
    gleaner_str key;
    gleaner_str value;
} gleaner_kv;

/* A typed value. Which member is meaningful depends on `type`. */
typedef struct gleaner_value {
    uint32_t type;       /* one of GLEANER_TYPE_* */
    uint32_t reserved;   /* set to 0 */
    gleaner_str str;     /* GLEANER_TYPE_STRING */
    int64_t int_value;   /* GLEANER_TYPE_INT, GLEANER_TYPE_BOOL */
    double float_value;  /* GLEANER_TYPE_FLOAT */
} gleaner_value;

/* One named field of a record ("value", "unit", "speaker", ...). The names
 * "start", "end" and "kind" are reserved; a key must be unique within a
 * record. */
typedef struct gleaner_field {
    gleaner_str key;
    gleaner_value value;
} gleaner_field;

/* One record emitted by a plugin: a span of the document's text, a kind,
 * and fields. The host checks it before keeping it: start <= end <= the
 * text's length, both on UTF-8 character boundaries, a non-empty kind,
 * valid UTF-8 everywhere, no reserved or repeated field keys. A record
 * that fails a check becomes an error on the document instead. */
typedef struct gleaner_record {
    size_t start;                /* byte offset into the text, inclusive */
    size_t end;                  /* byte offset into the text, exclusive */
    gleaner_str kind;            /* e.g. "percent", "direct", "actor" */
    const gleaner_field *fields; /* n_fields fields, in output order */
    size_t n_fields;
} gleaner_record;

/* One input document, as the host hands it to a plugin. Every pointer is
 * owned by the host and valid only during the call that received it. */
typedef struct gleaner_document {
    uint32_t struct_size;     /* sizeof(gleaner_document) as the host knows it */
    uint32_t reserved;        /* 0 */
    gleaner_str id;           /* the input's own id */
    gleaner_str text;         /* the text to process; always valid UTF-8 */
    gleaner_str content_type; /* "text/plain" or "text/html"; other values possible */
    gleaner_str date;         /* publication date, ISO 8601 (YYYY-MM-DD...), or empty */
    gleaner_str url;          /* source URL, or empty */
    const gleaner_kv *meta;   /* other metadata (title, lang, ... and what
                                 transforms set with set_meta), n_meta pairs */
    size_t n_meta;
} gleaner_document;

/* Callbacks the host provides to process(). `ctx` is the host's and must
 * be passed back unchanged. `doc` is an index into the batch (0-based).
 * All callbacks are safe to call only from the thread that is running the
 * process() call they were given to, and only during that call. */
typedef struct gleaner_host {
    uint32_t struct_size; /* sizeof(gleaner_host) as the host knows it */
    uint32_t reserved;    /* 0 */
    void *ctx;

    /* Emit one record for document `doc`. The host copies it. Returns
     * GLEANER_OK, or GLEANER_STOP when no more records are accepted for
     * this document. */
    int32_t (*emit)(void *ctx, size_t doc, const gleaner_record *record);

    /* Transforms only: replace document `doc`'s text with `text` (copied).
     * Later plugins see the new text; records this transform emits refer
     * to the new text. Calling it more than once keeps the last text. An
     * extractor calling it gets GLEANER_STOP and an error on the document. */
    int32_t (*replace_text)(void *ctx, size_t doc, gleaner_str text);

    /* Set a metadata pair on document `doc` for the plugins that run later
     * (e.g. the boilerplate transform sets "date" and "title"). The keys
     * "date" and "url" fill the document's date and url fields when these
     * are empty. Copied. */
    int32_t (*set_meta)(void *ctx, size_t doc, gleaner_str key, gleaner_str value);

    /* Report that document `doc` failed (or partly failed) in this plugin.
     * The message goes into the document's output record; the run goes
     * on. Records already emitted for the document are kept. */
    void (*error)(void *ctx, size_t doc, gleaner_str message);

    /* Log a message (one of GLEANER_LOG_*) through the host's logger. */
    void (*log)(void *ctx, uint32_t level, gleaner_str message);
} gleaner_host;

/* A setting a plugin declares. Values reach create() as text, already
 * checked by the host against `type` (one of GLEANER_TYPE_STRING, INT,
 * FLOAT, BOOL; bools as "true"/"false"). All strings are static. */
typedef struct gleaner_setting_spec {
    gleaner_str name;          /* [a-z0-9_]+, unique within the plugin */
    uint32_t type;             /* GLEANER_TYPE_* */
    uint32_t reserved;         /* 0 */
    gleaner_str default_value; /* as text, e.g. "true", "0.5", "" */
    gleaner_str description;   /* one line, shown by `gleaner plugins inspect` */
} gleaner_setting_spec;

/* Arguments of create(). Owned by the host, valid during the call only. */
typedef struct gleaner_create_args {
    uint32_t struct_size;       /* sizeof(gleaner_create_args) as the host knows it */
    uint32_t host_abi_minor;    /* the host's GLEANER_ABI_MINOR */
    const gleaner_kv *settings; /* one pair per declared setting, in declaration
                                   order, defaults filled in; n_settings pairs */
    size_t n_settings;
    void *ctx;                  /* pass back to error() */
    /* Say why create() failed; call before returning GLEANER_ERROR. */
    void (*error)(void *ctx, gleaner_str message);
} gleaner_create_args;

/* The plugin's self-description, returned by gleaner_plugin_entry_v1().
 * It and everything it points to must stay valid and unchanged until the
 * process exits (in practice: static data). */
typedef struct gleaner_plugin_descriptor {
    uint32_t magic;       /* GLEANER_ABI_MAGIC */
    uint16_t abi_major;   /* GLEANER_ABI_MAJOR the plugin was built with */
    uint16_t abi_minor;   /* GLEANER_ABI_MINOR the plugin was built with */
    uint32_t struct_size; /* sizeof(gleaner_plugin_descriptor) as built */
    uint32_t kind;        /* GLEANER_KIND_EXTRACTOR or GLEANER_KIND_TRANSFORM */
    uint64_t flags;       /* GLEANER_FLAG_* */
    gleaner_str id;       /* [a-z0-9_-]+, unique among loaded plugins; the
                             key of this plugin's records in the output */
    gleaner_str version;  /* the plugin's own version, e.g. "1.2.0" */
    gleaner_str description; /* one line */
    const gleaner_setting_spec *settings; /* n_settings declared settings */
    size_t n_settings;

    /* Required. Create an instance with the given settings and store it in
     * *instance. Returns GLEANER_OK or GLEANER_ERROR (after args->error).
     * Called from any thread; never concurrently with itself for the same
     * plugin. An instance never outlives the process. */
    int32_t (*create)(const gleaner_create_args *args, void **instance);

    /* Required. Destroy an instance made by create(). Not called at
     * process exit (the host may simply exit). */
    void (*destroy)(void *instance);

    /* Required. Process a batch of n_docs documents, reporting results
     * through `host`. Returns GLEANER_OK (per-document failures go through
     * host->error) or GLEANER_ERROR if the whole batch failed. See
     * GLEANER_FLAG_THREAD_SAFE for the concurrency contract. */
    int32_t (*process)(void *instance, const gleaner_document *docs, size_t n_docs,
                       const gleaner_host *host);

    /* Fields added by minor versions > 0 are appended here. */
} gleaner_plugin_descriptor;

/* The entry point every plugin exports. Must return the same pointer on
 * every call, must not fail, and does no work beyond returning it. */
typedef const gleaner_plugin_descriptor *(*gleaner_plugin_entry_fn)(void);

/* Layout checks for LP64 platforms (Linux, macOS on 64-bit). */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L && UINTPTR_MAX == 0xFFFFFFFFFFFFFFFFu
#define GLEANER_ASSERT_(cond, msg) _Static_assert(cond, msg)
GLEANER_ASSERT_(sizeof(gleaner_str) == 16, "gleaner_str layout");
GLEANER_ASSERT_(sizeof(gleaner_kv) == 32, "gleaner_kv layout");
GLEANER_ASSERT_(sizeof(gleaner_value) == 40, "gleaner_value layout");
GLEANER_ASSERT_(offsetof(gleaner_value, int_value) == 24, "gleaner_value layout");
GLEANER_ASSERT_(sizeof(gleaner_field) == 56, "gleaner_field layout");
GLEANER_ASSERT_(sizeof(gleaner_record) == 48, "gleaner_record layout");
GLEANER_ASSERT_(offsetof(gleaner_record, fields) == 32, "gleaner_record layout");
GLEANER_ASSERT_(sizeof(gleaner_document) == 104, "gleaner_document layout");
GLEANER_ASSERT_(offsetof(gleaner_document, meta) == 88, "gleaner_document layout");
GLEANER_ASSERT_(sizeof(gleaner_host) == 56, "gleaner_host layout");
GLEANER_ASSERT_(offsetof(gleaner_host, log) == 48, "gleaner_host layout");
GLEANER_ASSERT_(sizeof(gleaner_setting_spec) == 56, "gleaner_setting_spec layout");
GLEANER_ASSERT_(sizeof(gleaner_create_args) == 40, "gleaner_create_args layout");
GLEANER_ASSERT_(sizeof(gleaner_plugin_descriptor) == 112, "gleaner_plugin_descriptor layout");
GLEANER_ASSERT_(offsetof(gleaner_plugin_descriptor, id) == 24, "gleaner_plugin_descriptor layout");
GLEANER_ASSERT_(offsetof(gleaner_plugin_descriptor, create) == 88, "gleaner_plugin_descriptor layout");
GLEANER_ASSERT_(offsetof(gleaner_plugin_descriptor, process) == 104, "gleaner_plugin_descriptor layout");
#undef GLEANER_ASSERT_
#endif

#ifdef __cplusplus
}
#endif

#endif /* GLEANER_PLUGIN_H */
