/* Writing BIFF records by hand, for the .xls fixtures and the .xls benchmark (MS-XLS 2.4).
 * Header-only, for the generators under tests/gen and bench/. */
#ifndef TONGHOP_BIFF_WRITER_H
#define TONGHOP_BIFF_WRITER_H

#include <glib.h>
#include <string.h>

typedef struct {
    guint8 *data;
    size_t len, cap;
} Buf;

static inline void put(Buf *b, const void *p, size_t n) {
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 1024;
        b->data = g_realloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}
static inline void put8(Buf *b, unsigned v) { guint8 x = (guint8)v; put(b, &x, 1); }
static inline void put16(Buf *b, unsigned v) { put8(b, v & 0xFF); put8(b, (v >> 8) & 0xFF); }
static inline void put32(Buf *b, guint32 v) { put16(b, v & 0xFFFF); put16(b, v >> 16); }
static inline void putf64(Buf *b, double d) { guint64 u; memcpy(&u, &d, 8); put32(b, (guint32)u); put32(b, (guint32)(u >> 32)); }
static inline void record(Buf *out, unsigned type, const Buf *body) {
    put16(out, type); put16(out, (unsigned)body->len); put(out, body->data, body->len);
}
static inline void utf16(Buf *b, const char *utf8) { /* UTF-8 -> UTF-16LE, BMP only */
    glong n = 0;
    gunichar2 *w = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
    for (glong i = 0; i < n; ++i) put16(b, w[i]);
    g_free(w);
}
static inline glong utf16_len(const char *utf8) { return g_utf8_strlen(utf8, -1); }
static inline void short_ustring(Buf *b, const char *utf8) { put8(b, (unsigned)utf16_len(utf8)); put8(b, 1); utf16(b, utf8); }


#endif
