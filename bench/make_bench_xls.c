/* Writes the .xls benchmark workbook: SHEETS sheets x ROWS rows x 8 columns (BIFF8), with
 * numbers, RK numbers, shared strings, percent and date formats, booleans and FORMULA
 * records (C*D, with their parsed tokens and cached results).
 *
 *   ./make_bench_xls OUT.xls [ROWS] [SHEETS]     (defaults: 65535 rows, 4 sheets)
 */
#include <stdio.h>
#include <stdlib.h>

#include "../tests/gen/biff_writer.h"

static void bof(Buf *out, unsigned dt) {
    Buf r = {0};
    put16(&r, 0x0600); put16(&r, dt); put32(&r, 0); put32(&r, 0); put32(&r, 0);
    record(out, 0x0809, &r);
    free(r.data);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s OUT.xls [ROWS] [SHEETS]\n", argv[0]);
        return 2;
    }
    unsigned rows = argc > 2 ? (unsigned)atoi(argv[2]) : 65535;
    unsigned nsheets = argc > 3 ? (unsigned)atoi(argv[3]) : 4;
    const char *strings[] = {"Tỷ lệ người dân tham gia bảo hiểm y tế", "Thu nhập bình quân đầu người",
                             "Trường công lập đạt chuẩn quốc gia mức độ 1", "Đạt", "Không đạt"};
    Buf g = {0}, r = {0};
    bof(&g, 0x0005);
    put16(&r, 1200); record(&g, 0x0042, &r); r.len = 0;
    for (int i = 0; i < 5; ++i) {
        for (int k = 0; k < 14; ++k) put8(&r, 0);
        put8(&r, 5); put8(&r, 0); put(&r, "Arial", 5);
        record(&g, 0x0031, &r); r.len = 0;
    }
    put16(&r, 164); put16(&r, 4); put8(&r, 0); put(&r, "0.0%", 4); record(&g, 0x041E, &r); r.len = 0;
    unsigned xfs[][2] = {{0, 0}, {0, 164}, {0, 14}};
    for (int i = 0; i < 3; ++i) {
        put16(&r, xfs[i][0]); put16(&r, xfs[i][1]);
        for (int k = 0; k < 16; ++k) put8(&r, 0);
        record(&g, 0x00E0, &r); r.len = 0;
    }
    size_t *bs_at = calloc(nsheets, sizeof *bs_at);
    for (unsigned i = 0; i < nsheets; ++i) {
        char name[32];
        snprintf(name, sizeof name, "Biểu %02u", i + 1);
        bs_at[i] = g.len + 4;
        put32(&r, 0); put8(&r, 0); put8(&r, 0); short_ustring(&r, name);
        record(&g, 0x0085, &r); r.len = 0;
    }
    put32(&r, 5); put32(&r, 5);
    for (int i = 0; i < 5; ++i) { put16(&r, (unsigned)utf16_len(strings[i])); put8(&r, 1); utf16(&r, strings[i]); }
    record(&g, 0x00FC, &r); r.len = 0;
    record(&g, 0x000A, &r);

    Buf *sheets = calloc(nsheets, sizeof *sheets);
    for (unsigned sh = 0; sh < nsheets; ++sh) {
        Buf *s = &sheets[sh];
        bof(s, 0x0010);
        for (unsigned row = 0; row < rows; ++row) {
            double c = 97.5 + (row % 100) / 10.0, d = 0.9 + (row % 10) / 100.0;
            put16(&r, row); put16(&r, 0); put16(&r, 0); put32(&r, ((row + 1) << 2) | 2u); record(s, 0x027E, &r); r.len = 0;
            put16(&r, row); put16(&r, 1); put16(&r, 0); put32(&r, row % 3); record(s, 0x00FD, &r); r.len = 0;
            put16(&r, row); put16(&r, 2); put16(&r, 0); putf64(&r, c); record(s, 0x0203, &r); r.len = 0;
            put16(&r, row); put16(&r, 3); put16(&r, 1); putf64(&r, d); record(s, 0x0203, &r); r.len = 0;
            put16(&r, row); put16(&r, 4); put16(&r, 2); put32(&r, ((46000u + row % 365) << 2) | 2u); record(s, 0x027E, &r); r.len = 0;
            /* FORMULA =C{row}*D{row}: ptgRef C, ptgRef D, ptgMul */
            put16(&r, row); put16(&r, 5); put16(&r, 0); putf64(&r, c * d);
            put16(&r, 0); put32(&r, 0); put16(&r, 11);
            put8(&r, 0x24); put16(&r, row); put16(&r, 0xC002);
            put8(&r, 0x24); put16(&r, row); put16(&r, 0xC003);
            put8(&r, 0x05);
            record(s, 0x0006, &r); r.len = 0;
            put16(&r, row); put16(&r, 6); put16(&r, 0); put8(&r, row & 1); put8(&r, 0); record(s, 0x0205, &r); r.len = 0;
            put16(&r, row); put16(&r, 7); put16(&r, 0); put32(&r, 3 + (row & 1)); record(s, 0x00FD, &r); r.len = 0;
        }
        record(s, 0x000A, &r);
    }
    size_t at = g.len;
    for (unsigned i = 0; i < nsheets; ++i) {
        uint32_t a = (uint32_t)at;
        memcpy(g.data + bs_at[i], &a, 4);
        at += sheets[i].len;
    }
    const Buf **parts = malloc((nsheets + 1) * sizeof *parts);
    if (!parts) return 1;
    parts[0] = &g;
    for (unsigned i = 0; i < nsheets; ++i) parts[i + 1] = &sheets[i];
    int status = write_stream_file(argv[1], "Workbook", parts, (int)nsheets + 1);
    free(parts);
    return status;
}
