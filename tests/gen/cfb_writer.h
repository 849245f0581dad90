/* Writing a compound file ([MS-CFB]) that holds streams at its root, for the .xls and
 * encrypted-package fixtures, the .xls benchmark and the container's unit tests.
 * Header-only, C and C++. Layout: FAT sectors, DIFAT sectors, directory, mini FAT, mini
 * stream, then each large stream in consecutive sectors. Streams under 4096 bytes go into
 * the mini stream, as the format requires. The directory tree is a chain of right
 * siblings in the format's name order (readers do not balance it). */
#ifndef TONGHOP_CFB_WRITER_H
#define TONGHOP_CFB_WRITER_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name; /* ASCII */
    const unsigned char *data;
    size_t len;
} CfbStreamIn;

#define CFB_END 0xFFFFFFFEu
#define CFB_FREE 0xFFFFFFFFu

static inline void cfb_le32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16); p[3] = (unsigned char)(v >> 24);
}
static inline void cfb_le16(unsigned char *p, unsigned v) { p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8); }
static inline size_t cfb_ceil(size_t a, size_t b) { return (a + b - 1) / b; }

/* The format's directory order: shorter names first, then by upper-case code unit. */
static inline int cfb_name_less(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb) return la < lb;
    for (size_t i = 0; i < la; ++i) {
        int x = a[i] >= 'a' && a[i] <= 'z' ? a[i] - 32 : a[i];
        int y = b[i] >= 'a' && b[i] <= 'z' ? b[i] - 32 : b[i];
        if (x != y) return x < y;
    }
    return 0;
}

/* The whole file in a malloc'd buffer (*out_len bytes); sector_shift 9 (version 3) or 12
 * (version 4). NULL when out of memory. */
static inline unsigned char *cfb_build(const CfbStreamIn *streams, size_t n, unsigned sector_shift, size_t *out_len) {
    const size_t S = (size_t)1 << sector_shift, E = S / 4, cutoff = 4096;
    size_t *order = (size_t *)malloc((n + 1) * sizeof *order);
    uint32_t *start = (uint32_t *)malloc((n + 1) * sizeof *start);
    if (!order || !start) { free(order); free(start); return NULL; }
    for (size_t i = 0; i < n; ++i) order[i] = i;
    for (size_t i = 1; i < n; ++i) /* insertion sort: a handful of streams */
        for (size_t k = i; k > 0 && cfb_name_less(streams[order[k]].name, streams[order[k - 1]].name); --k) {
            size_t t = order[k]; order[k] = order[k - 1]; order[k - 1] = t;
        }
    size_t mini_sectors = 0, big_sectors = 0;
    for (size_t i = 0; i < n; ++i) {
        if (streams[i].len < cutoff) mini_sectors += cfb_ceil(streams[i].len, 64);
        else big_sectors += cfb_ceil(streams[i].len, S);
    }
    size_t ministream_sectors = cfb_ceil(mini_sectors * 64, S);
    size_t minifat_sectors = cfb_ceil(mini_sectors * 4, S);
    size_t dir_sectors = cfb_ceil((n + 1) * 128, S);
    size_t data = dir_sectors + minifat_sectors + ministream_sectors + big_sectors;
    size_t F = 1, X = 0;
    for (;;) { /* the FAT also maps its own sectors and the DIFAT's */
        size_t f = cfb_ceil(data + F + X, E);
        size_t x = f > 109 ? cfb_ceil(f - 109, E - 1) : 0;
        if (f == F && x == X) break;
        F = f; X = x;
    }
    size_t total = F + X + data;
    size_t header = S; /* version 4 pads its header to a whole sector */
    size_t len = header + total * S;
    unsigned char *out = (unsigned char *)calloc(len, 1);
    if (!out) { free(order); free(start); return NULL; }
    unsigned char *fat = out + header; /* FAT sectors come first */
    for (size_t i = 0; i < F * E; ++i) cfb_le32(fat + 4 * i, CFB_FREE);
    size_t next = 0;
#define CFB_SECTOR(id) (out + header + (size_t)(id) * S)
    for (size_t i = 0; i < F; ++i, ++next) cfb_le32(fat + 4 * next, 0xFFFFFFFDu);
    size_t difat_first = next;
    for (size_t i = 0; i < X; ++i, ++next) cfb_le32(fat + 4 * next, 0xFFFFFFFCu);
    /* a run of consecutive sectors as one chain */
#define CFB_RUN(count, first_out) do { \
        (first_out) = (count) ? (uint32_t)next : CFB_END; \
        for (size_t k_ = 0; k_ < (count); ++k_, ++next) \
            cfb_le32(fat + 4 * next, k_ + 1 < (count) ? (uint32_t)(next + 1) : CFB_END); \
    } while (0)
    uint32_t dir_first, minifat_first, ministream_first;
    CFB_RUN(dir_sectors, dir_first);
    CFB_RUN(minifat_sectors, minifat_first);
    CFB_RUN(ministream_sectors, ministream_first);
    /* large streams, and the small ones in the mini stream with their mini FAT chains */
    size_t mini_next = 0;
    unsigned char *minifat = minifat_sectors ? CFB_SECTOR(minifat_first) : NULL;
    for (size_t i = 0; i < minifat_sectors * E; ++i) cfb_le32(minifat + 4 * i, CFB_FREE);
    for (size_t i = 0; i < n; ++i) {
        const CfbStreamIn *s = &streams[i];
        if (s->len == 0) { start[i] = CFB_END; continue; }
        if (s->len < cutoff) {
            size_t count = cfb_ceil(s->len, 64);
            start[i] = (uint32_t)mini_next;
            memcpy(CFB_SECTOR(ministream_first) + mini_next * 64, s->data, s->len);
            for (size_t k = 0; k < count; ++k, ++mini_next)
                cfb_le32(minifat + 4 * mini_next, k + 1 < count ? (uint32_t)(mini_next + 1) : CFB_END);
        } else {
            size_t count = cfb_ceil(s->len, S);
            CFB_RUN(count, start[i]);
            memcpy(CFB_SECTOR(start[i]), s->data, s->len);
        }
    }
    /* the DIFAT: the first 109 FAT sectors in the header, the rest in DIFAT sectors */
    for (size_t i = 0; i < X; ++i) {
        unsigned char *d = CFB_SECTOR(difat_first + i);
        for (size_t k = 0; k < E - 1; ++k) {
            size_t fat_index = 109 + i * (E - 1) + k;
            cfb_le32(d + 4 * k, fat_index < F ? (uint32_t)fat_index : CFB_FREE);
        }
        cfb_le32(d + 4 * (E - 1), i + 1 < X ? (uint32_t)(difat_first + i + 1) : CFB_END);
    }
    /* the directory */
    unsigned char *dir = CFB_SECTOR(dir_first);
    for (size_t i = 0; i < dir_sectors * S / 128; ++i) {
        unsigned char *e = dir + i * 128;
        cfb_le32(e + 68, CFB_FREE); cfb_le32(e + 72, CFB_FREE); cfb_le32(e + 76, CFB_FREE);
    }
    for (size_t i = 0; i <= n; ++i) {
        unsigned char *e = dir + i * 128;
        const char *name = i == 0 ? "Root Entry" : streams[order[i - 1]].name;
        size_t nl = strlen(name);
        if (nl > 31) nl = 31;
        for (size_t k = 0; k < nl; ++k) cfb_le16(e + 2 * k, (unsigned char)name[k]);
        cfb_le16(e + 64, (unsigned)(2 * nl + 2));
        e[66] = i == 0 ? 5 : 2;
        e[67] = 1; /* black */
        if (i == 0) {
            if (n) cfb_le32(e + 76, 1);
            cfb_le32(e + 116, mini_sectors ? ministream_first : CFB_END);
            cfb_le32(e + 120, (uint32_t)(mini_sectors * 64));
        } else {
            if (i < n) cfb_le32(e + 72, (uint32_t)(i + 1));
            cfb_le32(e + 116, start[order[i - 1]]);
            cfb_le32(e + 120, (uint32_t)streams[order[i - 1]].len);
            cfb_le32(e + 124, (uint32_t)((uint64_t)streams[order[i - 1]].len >> 32));
        }
    }
    /* the header */
    static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    memcpy(out, sig, 8);
    cfb_le16(out + 24, 0x3E);
    cfb_le16(out + 26, sector_shift == 12 ? 4 : 3);
    cfb_le16(out + 28, 0xFFFE);
    cfb_le16(out + 30, sector_shift);
    cfb_le16(out + 32, 6);
    cfb_le32(out + 40, sector_shift == 12 ? (uint32_t)dir_sectors : 0);
    cfb_le32(out + 44, (uint32_t)F);
    cfb_le32(out + 48, dir_first);
    cfb_le32(out + 56, (uint32_t)cutoff);
    cfb_le32(out + 60, minifat_sectors ? minifat_first : CFB_END);
    cfb_le32(out + 64, (uint32_t)minifat_sectors);
    cfb_le32(out + 68, X ? (uint32_t)difat_first : CFB_END);
    cfb_le32(out + 72, (uint32_t)X);
    for (size_t i = 0; i < 109; ++i) cfb_le32(out + 76 + 4 * i, i < F ? (uint32_t)i : CFB_FREE);
#undef CFB_RUN
#undef CFB_SECTOR
    free(order);
    free(start);
    *out_len = len;
    return out;
}

/* Writes the compound file to path; 0 on success. */
static inline int cfb_write(const char *path, const CfbStreamIn *streams, size_t n, unsigned sector_shift) {
    size_t len = 0;
    unsigned char *bytes = cfb_build(streams, n, sector_shift, &len);
    if (!bytes) return 1;
    FILE *f = fopen(path, "wb");
    int bad = !f || fwrite(bytes, 1, len, f) != len;
    if (f && fclose(f) != 0) bad = 1;
    free(bytes);
    return bad;
}

#endif
