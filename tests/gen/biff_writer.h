/* Writing BIFF records by hand, for the .xls fixtures and the .xls benchmark (MS-XLS 2.4).
 * Header-only, for the generators under tests/gen and bench/. */
#ifndef TONGHOP_BIFF_WRITER_H
#define TONGHOP_BIFF_WRITER_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cfb_writer.h"

typedef struct {
    uint8_t *data;
    size_t len, cap;
} Buf;

static inline void put(Buf *b, const void *p, size_t n) {
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 1024;
        b->data = (uint8_t *)realloc(b->data, b->cap);
        if (!b->data) abort();
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}
static inline void put8(Buf *b, unsigned v) { uint8_t x = (uint8_t)v; put(b, &x, 1); }
static inline void put16(Buf *b, unsigned v) { put8(b, v & 0xFF); put8(b, (v >> 8) & 0xFF); }
static inline void put32(Buf *b, uint32_t v) { put16(b, v & 0xFFFF); put16(b, v >> 16); }
static inline void putf64(Buf *b, double d) { uint64_t u; memcpy(&u, &d, 8); put32(b, (uint32_t)u); put32(b, (uint32_t)(u >> 32)); }
static inline void record(Buf *out, unsigned type, const Buf *body) {
    put16(out, type); put16(out, (unsigned)body->len); put(out, body->data, body->len);
}
/* The next code point of UTF-8 text (the generators' own literals: valid UTF-8). */
static inline uint32_t utf8_next(const char **s) {
    const unsigned char *p = (const unsigned char *)*s;
    uint32_t c = p[0];
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    c &= extra == 3 ? 0x07 : extra == 2 ? 0x0F : extra == 1 ? 0x1F : 0x7F;
    for (int i = 1; i <= extra; ++i) c = (c << 6) | (p[i] & 0x3F);
    *s += 1 + extra;
    return c;
}
static inline void utf16(Buf *b, const char *utf8) { /* UTF-8 -> UTF-16LE, BMP only */
    while (*utf8) put16(b, (unsigned)utf8_next(&utf8));
}
static inline long utf16_len(const char *utf8) {
    long n = 0;
    while (*utf8) { utf8_next(&utf8); ++n; }
    return n;
}
static inline void short_ustring(Buf *b, const char *utf8) { put8(b, (unsigned)utf16_len(utf8)); put8(b, 1); utf16(b, utf8); }


/* A compound file holding one stream (name) made of parts, as the .xls fixtures need. */
static inline int write_stream_file(const char *path, const char *name, const Buf *const parts[], int n) {
    Buf all = {0};
    for (int i = 0; i < n; ++i) put(&all, parts[i]->data, parts[i]->len);
    CfbStreamIn s = {name, all.data, all.len};
    int status = cfb_write(path, &s, 1, 9);
    free(all.data);
    return status;
}

#endif
