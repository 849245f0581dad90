/* Writes the libxlsxwriter-made reader fixtures into the folder given as argv[1]:
 *   types.xlsx           every cell type, number formats, fonts, merged two-row header
 *                        band, rich text, hidden and empty sheets, NFC and NFD text
 *   constant_memory.xlsx the same kind of content written in constant_memory mode
 *                        (inline strings, rows flushed as written)
 *   biff8_traps.xls      a BIFF8 workbook stream built record by record, holding the traps
 *                        LibreOffice's writer never produces on purpose: shared strings split
 *                        by CONTINUE records with the character width switching at the
 *                        split (compressed -> UTF-16 and back), RK and MULRK numbers, every
 *                        FORMULA result kind (a string result in the STRING record that
 *                        follows), BOOLERR, fonts past the missing index 4, a hidden sheet,
 *                        merged cells
 *   biff8_1904.xls       the same with DATEMODE 1904
 *   biff8_boundaries.xls a BIFF8 stream whose shared string table meets its CONTINUE
 *                        records at every boundary a writer may choose: right after a
 *                        string's character data (the next string's header starts the
 *                        CONTINUE), between character data and rich-text runs, between a
 *                        header and its characters (the CONTINUE starts with the flags),
 *                        inside phonetic data; 64 cells use the strings after them; and
 *                        FORMULA records with BIFF4's record number 0x0406
 *   biff5_cp1258.xls     an Excel 95 (BIFF5) "Book" stream with CODEPAGE 1258: sheet names
 *                        and LABEL strings are Windows-1258 bytes (tone marks as combining
 *                        characters, as Vietnamese Windows writes them)
 *   bad_encrypted.xlsx   what Excel makes of a password-protected .xlsx: an OLE2 compound
 *                        file with EncryptionInfo (agile, version 4.4) and EncryptedPackage
 *                        streams. The payload is not real ciphertext: Debian's
 *                        msoffcrypto-tool 5.0.0 only decrypts. Real encrypted files are
 *                        checked in the corpus test.
 * Output is byte-for-byte reproducible: document dates are fixed.
 *
 *   ./make_xlsx_fixtures tests/data
 */
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "biff_writer.h"

static lxw_doc_properties fixed_properties(void) {
    lxw_doc_properties p;
    memset(&p, 0, sizeof p);
    p.title = "tonghop reader fixture";
    p.author = "tonghop";
    p.created = 1764720000; /* 2025-12-03 00:00:00 UTC */
    return p;
}

/* "Tỷ lệ hộ nghèo" with every vowel decomposed (NFD): base letter + combining marks. */
static const char *NFD_TEXT =
    "T" "y\xCC\x89" " l" "e\xCC\x82\xCC\xA3" " h" "o\xCC\x82\xCC\xA3" " ngh" "e\xCC\x80" "o";

static int write_types(const char *dir) {
    char path[1024];
    snprintf(path, sizeof path, "%s/types.xlsx", dir);
    lxw_workbook *wb = workbook_new(path);
    lxw_doc_properties props = fixed_properties();
    workbook_set_properties(wb, &props);

    lxw_format *title = workbook_add_format(wb);
    format_set_font_name(title, "Times New Roman");
    format_set_bold(title);
    format_set_align(title, LXW_ALIGN_CENTER);
    lxw_format *head = workbook_add_format(wb);
    format_set_font_name(head, "Times New Roman");
    format_set_bold(head);
    format_set_border(head, LXW_BORDER_THIN);
    lxw_format *body = workbook_add_format(wb);
    format_set_font_name(body, "Times New Roman");
    lxw_format *pct = workbook_add_format(wb);
    format_set_font_name(pct, "Times New Roman");
    format_set_num_format(pct, "0.0%");
    lxw_format *thousands = workbook_add_format(wb);
    format_set_num_format(thousands, "#,##0.0");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    lxw_format *datetime = workbook_add_format(wb);
    format_set_num_format(datetime, "dd/mm/yyyy hh:mm");
    lxw_format *text_fmt = workbook_add_format(wb);
    format_set_num_format(text_fmt, "@");
    lxw_format *vntime = workbook_add_format(wb);
    format_set_font_name(vntime, ".VnTime");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *italic = workbook_add_format(wb);
    format_set_italic(italic);

    lxw_worksheet *ws = workbook_add_worksheet(wb, "Biểu 01");
    worksheet_merge_range(ws, 0, 0, 0, 5, "UBND PHƯỜNG AN DƯƠNG", title);
    worksheet_merge_range(ws, 1, 0, 1, 5, "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2026", title);
    /* Two-row header band with merges, as the annexes have it. */
    worksheet_merge_range(ws, 3, 0, 4, 0, "STT", head);
    worksheet_merge_range(ws, 3, 1, 4, 1, "Chỉ tiêu", head);
    worksheet_merge_range(ws, 3, 2, 4, 2, "ĐVT", head);
    worksheet_merge_range(ws, 3, 3, 3, 4, "Năm 2026", head);
    worksheet_write_string(ws, 4, 3, "Kế hoạch", head);
    worksheet_write_string(ws, 4, 4, "Thực hiện", head);
    worksheet_merge_range(ws, 3, 5, 4, 5, "Tỷ lệ %", head);

    worksheet_write_number(ws, 5, 0, 1, body);
    worksheet_write_string(ws, 5, 1, "Tỷ lệ người dân tham gia bảo hiểm y tế", body);
    worksheet_write_string(ws, 5, 2, "%", body);
    worksheet_write_number(ws, 5, 3, 97.5, body);
    worksheet_write_number(ws, 5, 4, 0.978, pct);
    worksheet_write_formula_num(ws, 5, 5, "=E6*100/D6", body, 1.0030769230769231);

    worksheet_write_number(ws, 6, 0, 2, body);
    worksheet_write_string(ws, 6, 1, NFD_TEXT, body);
    worksheet_write_string(ws, 6, 2, "%", body);
    worksheet_write_string(ws, 6, 3, "dưới 0,5", body);
    worksheet_write_string(ws, 6, 4, "0,42", text_fmt);

    worksheet_write_number(ws, 8, 0, 1234.5, thousands);
    lxw_datetime d = {2026, 12, 3, 0, 0, 0};
    worksheet_write_datetime(ws, 8, 1, &d, date);
    lxw_datetime dt = {2026, 12, 3, 16, 30, 0};
    worksheet_write_datetime(ws, 8, 2, &dt, datetime);
    worksheet_write_boolean(ws, 8, 3, 1, NULL);
    worksheet_write_formula_str(ws, 8, 4, "=\"A\"&\"B\"", NULL, "AB");
    worksheet_write_formula_num(ws, 8, 5, "=SUM(D6:D7)", NULL, 97.5);

    lxw_rich_string_tuple r1 = {.format = bold, .string = "Trong đó: "};
    lxw_rich_string_tuple r2 = {.format = italic, .string = "nữ"};
    lxw_rich_string_tuple *rich[] = {&r1, &r2, NULL};
    worksheet_write_rich_string(ws, 9, 1, rich, NULL);
    /* TCVN3 (ABC) bytes for "Báo cáo", shown right only with a .VnTime font. */
    worksheet_write_string(ws, 9, 2, "B\xC2\xB8o c\xC2\xB8o", vntime);
    worksheet_write_number(ws, 9, 3, -0.5, NULL);
    worksheet_write_number(ws, 9, 4, 1e-7, NULL);
    worksheet_write_string(ws, 9, 5, "dòng 1\ndòng 2", NULL);

    lxw_worksheet *hidden = workbook_add_worksheet(wb, "Ẩn");
    worksheet_write_string(hidden, 0, 0, "trang ẩn", NULL);
    worksheet_hide(hidden);
    workbook_add_worksheet(wb, "Trống");
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}

static int write_constant_memory(const char *dir) {
    char path[1024];
    snprintf(path, sizeof path, "%s/constant_memory.xlsx", dir);
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(path, &options);
    lxw_doc_properties props = fixed_properties();
    workbook_set_properties(wb, &props);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Nhiệm vụ");
    static const char *names[] = {"Rà soát quy hoạch", "Xây dựng nông thôn mới", "Chuyển đổi số"};
    worksheet_write_string(ws, 0, 0, "STT", NULL);
    worksheet_write_string(ws, 0, 1, "Nhiệm vụ", NULL);
    worksheet_write_string(ws, 0, 2, "Tiến độ", NULL);
    for (int i = 0; i < 3; ++i) {
        worksheet_write_number(ws, i + 1, 0, i + 1, NULL);
        worksheet_write_string(ws, i + 1, 1, names[i], NULL);
        worksheet_write_string(ws, i + 1, 2, i == 0 ? "Hoàn thành" : "Đang thực hiện", NULL);
    }
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}

static int write_encrypted(const char *dir) {
    char path[1024];
    snprintf(path, sizeof path, "%s/bad_encrypted.xlsx", dir);
    static const char descriptor[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
        "<encryption xmlns=\"http://schemas.microsoft.com/office/2006/encryption\" "
        "xmlns:p=\"http://schemas.microsoft.com/office/2006/keyEncryptor/password\">"
        "<keyData saltSize=\"16\" blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" "
        "cipherAlgorithm=\"AES\" cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\" "
        "saltValue=\"AAAAAAAAAAAAAAAAAAAAAA==\"/></encryption>";
    Buf info = {0};
    static const unsigned char header[8] = {4, 0, 4, 0, 0x40, 0, 0, 0}; /* version 4.4, flags: agile */
    put(&info, header, sizeof header);
    put(&info, descriptor, sizeof descriptor - 1);
    unsigned char block[4096 + 8];
    memset(block, 0, sizeof block);
    block[0] = 0x00; block[1] = 0x10; /* declared plaintext size: 4096 */
    for (size_t i = 8; i < sizeof block; ++i) block[i] = (unsigned char)(i * 131u + 7u);
    CfbStreamIn streams[2] = {{"EncryptionInfo", info.data, info.len}, {"EncryptedPackage", block, sizeof block}};
    int status = cfb_write(path, streams, 2, 9);
    free(info.data);
    return status;
}

static int write_biff8(const char *dir, const char *name, int date1904) {
    Buf g = {0}, sheet1 = {0}, sheet2 = {0}, r = {0};
    const char *fonts[] = {"Arial", "Arial", "Arial", "Arial", ".VnTime"};
    /* Globals */
    put16(&r, 0x0600); put16(&r, 0x0005); put32(&r, 0); put32(&r, 0); put32(&r, 0);
    record(&g, 0x0809, &r); r.len = 0;
    put16(&r, 1200); record(&g, 0x0042, &r); r.len = 0;
    put16(&r, date1904 ? 1 : 0); record(&g, 0x0022, &r); r.len = 0;
    for (int i = 0; i < 5; ++i) {
        for (int k = 0; k < 14; ++k) put8(&r, 0);
        put8(&r, (unsigned)strlen(fonts[i])); put8(&r, 0); put(&r, fonts[i], strlen(fonts[i]));
        record(&g, 0x0031, &r); r.len = 0;
    }
    put16(&r, 164); put16(&r, 4); put8(&r, 0); put(&r, "0.0%", 4); record(&g, 0x041E, &r); r.len = 0;
    unsigned xfs[][2] = {{0, 0}, {0, 164}, {0, 14}, {5, 0}}; /* font, format: font 5 is the 5th FONT */
    for (int i = 0; i < 4; ++i) {
        put16(&r, xfs[i][0]); put16(&r, xfs[i][1]);
        for (int k = 0; k < 16; ++k) put8(&r, 0);
        record(&g, 0x00E0, &r); r.len = 0;
    }
    size_t boundsheet_at[2];
    const char *names[] = {"Biểu 01", "Ẩn"};
    for (int i = 0; i < 2; ++i) {
        boundsheet_at[i] = g.len + 4;
        put32(&r, 0); put8(&r, i == 1 ? 1 : 0); put8(&r, 0); short_ustring(&r, names[i]);
        record(&g, 0x0085, &r); r.len = 0;
    }
    /* SST: s0 UTF-16; s1 9000 'A' starting compressed, continued as UTF-16; s2 "Đạt";
       s3 "Đ" + 5000 'B' starting as UTF-16, continued compressed; s4 TCVN3 bytes. */
    Buf seg1 = {0}, seg2 = {0}, seg3 = {0};
    put32(&seg1, 5); put32(&seg1, 5);
    put16(&seg1, (unsigned)utf16_len("Tỷ lệ hộ nghèo")); put8(&seg1, 1); utf16(&seg1, "Tỷ lệ hộ nghèo");
    put16(&seg1, 9000); put8(&seg1, 0);
    size_t first_a = 8224 - seg1.len;
    for (size_t i = 0; i < first_a; ++i) put8(&seg1, 'A');
    put8(&seg2, 1); /* the continuation switches to UTF-16 */
    for (size_t i = first_a; i < 9000; ++i) put16(&seg2, 'A');
    put16(&seg2, (unsigned)utf16_len("Đạt")); put8(&seg2, 1); utf16(&seg2, "Đạt");
    put16(&seg2, 5001); put8(&seg2, 1); utf16(&seg2, "Đ");
    size_t first_b = (8224 - seg2.len) / 2;
    for (size_t i = 0; i < first_b; ++i) put16(&seg2, 'B');
    put8(&seg3, 0); /* and back to compressed */
    for (size_t i = first_b; i < 5000; ++i) put8(&seg3, 'B');
    put16(&seg3, 7); put8(&seg3, 0); put(&seg3, "B\xB8o c\xB8o", 7);
    record(&g, 0x00FC, &seg1); record(&g, 0x003C, &seg2); record(&g, 0x003C, &seg3);
    r.len = 0; record(&g, 0x000A, &r);

    /* Sheet 1 */
    put16(&r, 0x0600); put16(&r, 0x0010); put32(&r, 0); put32(&r, 0); put32(&r, 0);
    record(&sheet1, 0x0809, &r); r.len = 0;
    for (unsigned i = 0; i < 4; ++i) {
        put16(&r, 0); put16(&r, i); put16(&r, 0); put32(&r, i); record(&sheet1, 0x00FD, &r); r.len = 0;
    }
    put16(&r, 1); put16(&r, 0); put16(&r, 0); putf64(&r, 97.5); record(&sheet1, 0x0203, &r); r.len = 0;
    put16(&r, 1); put16(&r, 1); put16(&r, 0); put32(&r, (9780u << 2) | 3u); record(&sheet1, 0x027E, &r); r.len = 0;
    put16(&r, 1); put16(&r, 2); put16(&r, 1); put32(&r, 0x3FEF4BC4u); record(&sheet1, 0x027E, &r); r.len = 0;
    put16(&r, 2); put16(&r, 0);
    put16(&r, 0); put32(&r, (1u << 2) | 2u); put16(&r, 0); put32(&r, (2u << 2) | 2u);
    put16(&r, 0); put32(&r, 0x3FE00000u); put16(&r, 2);
    record(&sheet1, 0x00BD, &r); r.len = 0;
    put16(&r, 3); put16(&r, 0); put16(&r, 0); put8(&r, 1); put8(&r, 0); record(&sheet1, 0x0205, &r); r.len = 0;
    put16(&r, 3); put16(&r, 1); put16(&r, 0); put8(&r, 0x07); put8(&r, 1); record(&sheet1, 0x0205, &r); r.len = 0;
    /* FORMULA results: number, string (+ STRING), boolean, error, empty string */
    uint8_t results[5][8] = {{0}, {0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, {1, 0, 1, 0, 0, 0, 0xFF, 0xFF},
                            {2, 0, 0x2A, 0, 0, 0, 0xFF, 0xFF}, {3, 0, 0, 0, 0, 0, 0xFF, 0xFF}};
    double fortytwo = 42;
    memcpy(results[0], &fortytwo, 8);
    for (unsigned i = 0; i < 5; ++i) {
        put16(&r, 4); put16(&r, i); put16(&r, 0); put(&r, results[i], 8);
        put16(&r, 0); put32(&r, 0); put16(&r, 0); /* grbit, chn, cce: no parsed formula */
        record(&sheet1, 0x0006, &r); r.len = 0;
        if (i == 1) {
            put16(&r, (unsigned)utf16_len("Hoàn thành")); put8(&r, 1); utf16(&r, "Hoàn thành");
            record(&sheet1, 0x0207, &r); r.len = 0;
        }
    }
    put16(&r, 5); put16(&r, 0); put16(&r, 2); putf64(&r, 44896); record(&sheet1, 0x0203, &r); r.len = 0;
    put16(&r, 5); put16(&r, 1); put16(&r, 3); put32(&r, 4); record(&sheet1, 0x00FD, &r); r.len = 0;
    put16(&r, 1); put16(&r, 6); put16(&r, 6); put16(&r, 0); put16(&r, 2); record(&sheet1, 0x00E5, &r); r.len = 0;
    record(&sheet1, 0x000A, &r);
    /* Sheet 2, hidden */
    put16(&r, 0x0600); put16(&r, 0x0010); put32(&r, 0); put32(&r, 0); put32(&r, 0);
    record(&sheet2, 0x0809, &r); r.len = 0;
    put16(&r, 0); put16(&r, 0); put16(&r, 0); put32(&r, 2); record(&sheet2, 0x00FD, &r); r.len = 0;
    record(&sheet2, 0x000A, &r);

    uint32_t at1 = (uint32_t)g.len, at2 = (uint32_t)(g.len + sheet1.len);
    memcpy(g.data + boundsheet_at[0], &at1, 4);
    memcpy(g.data + boundsheet_at[1], &at2, 4);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    const Buf *parts[] = {&g, &sheet1, &sheet2};
    if (write_stream_file(path, "Workbook", parts, 3)) return 1;
    free(g.data); free(sheet1.data); free(sheet2.data); free(r.data);
    free(seg1.data); free(seg2.data); free(seg3.data);
    return 0;
}

static int write_ole_workbook(const char *dir, const char *name, const Buf *parts[], int n) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return write_stream_file(path, "Workbook", parts, n);
}

static void compressed_chars(Buf *b, char c, size_t n) { for (size_t i = 0; i < n; ++i) put8(b, (unsigned)c); }

static int write_biff8_boundaries(const char *dir) {
    Buf g = {0}, sheet = {0}, r = {0};
    put16(&r, 0x0600); put16(&r, 0x0005); put32(&r, 0); put32(&r, 0); put32(&r, 0);
    record(&g, 0x0809, &r); r.len = 0;
    put16(&r, 1200); record(&g, 0x0042, &r); r.len = 0;
    for (int i = 0; i < 5; ++i) {
        for (int k = 0; k < 14; ++k) put8(&r, 0);
        put8(&r, 5); put8(&r, 0); put(&r, "Arial", 5);
        record(&g, 0x0031, &r); r.len = 0;
    }
    put16(&r, 0); put16(&r, 0); for (int k = 0; k < 16; ++k) put8(&r, 0);
    record(&g, 0x00E0, &r); r.len = 0;
    size_t boundsheet_at = g.len + 4;
    put32(&r, 0); put8(&r, 0); put8(&r, 0); short_ustring(&r, "Biểu 01");
    record(&g, 0x0085, &r); r.len = 0;
    /* s0 "Chỉ tiêu"; s1 'A' x n filling the SST record exactly; CONTINUE 1 starts with s2's
       header: s2 rich text (2 runs) of 'B' filling CONTINUE 1, its runs open CONTINUE 2;
       s3 "Đạt": its header ends CONTINUE 2, its characters open CONTINUE 3 after the flags
       byte; s4 "Tỷ lệ" with 6 bytes of phonetic data split by CONTINUE 4; s5 "Hoàn thành". */
    Buf c0 = {0}, c1 = {0}, c2 = {0}, c3 = {0}, c4 = {0};
    put32(&c0, 6); put32(&c0, 6);
    put16(&c0, (unsigned)utf16_len("Chỉ tiêu")); put8(&c0, 1); utf16(&c0, "Chỉ tiêu");
    size_t n1 = 8224 - c0.len - 3;
    put16(&c0, (unsigned)n1); put8(&c0, 0); compressed_chars(&c0, 'A', n1);
    put16(&c1, 300); put8(&c1, 0x08); put16(&c1, 2); compressed_chars(&c1, 'B', 300);
    put16(&c2, 0); put16(&c2, 0); put16(&c2, 5); put16(&c2, 1);
    put16(&c2, (unsigned)utf16_len("Đạt")); put8(&c2, 1);
    put8(&c3, 1); utf16(&c3, "Đạt");
    put16(&c3, (unsigned)utf16_len("Tỷ lệ")); put8(&c3, 0x05); put32(&c3, 6); utf16(&c3, "Tỷ lệ");
    put16(&c3, 0x0001); put16(&c3, 0x0002);
    put16(&c4, 0x0003);
    put16(&c4, (unsigned)utf16_len("Hoàn thành")); put8(&c4, 1); utf16(&c4, "Hoàn thành");
    record(&g, 0x00FC, &c0); record(&g, 0x003C, &c1); record(&g, 0x003C, &c2);
    record(&g, 0x003C, &c3); record(&g, 0x003C, &c4);
    r.len = 0; record(&g, 0x000A, &r);

    put16(&r, 0x0600); put16(&r, 0x0010); put32(&r, 0); put32(&r, 0); put32(&r, 0);
    record(&sheet, 0x0809, &r); r.len = 0;
    /* 64 cells: rows 0-15, columns A-D showing s0, s3, s4 and s5. */
    unsigned shown[4] = {0, 3, 4, 5};
    for (unsigned row = 0; row < 16; ++row)
        for (unsigned col = 0; col < 4; ++col) {
            put16(&r, row); put16(&r, col); put16(&r, 0); put32(&r, shown[col]);
            record(&sheet, 0x00FD, &r); r.len = 0;
        }
    /* Row 16: s1 and s2 (long); FORMULA 0x0406 with a number (E17) and a string (F17). */
    put16(&r, 16); put16(&r, 0); put16(&r, 0); put32(&r, 1); record(&sheet, 0x00FD, &r); r.len = 0;
    put16(&r, 16); put16(&r, 1); put16(&r, 0); put32(&r, 2); record(&sheet, 0x00FD, &r); r.len = 0;
    put16(&r, 16); put16(&r, 4); put16(&r, 0); putf64(&r, 96.9);
    put16(&r, 0); put32(&r, 0); put16(&r, 0); record(&sheet, 0x0406, &r); r.len = 0;
    uint8_t string_result[8] = {0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    put16(&r, 16); put16(&r, 5); put16(&r, 0); put(&r, string_result, 8);
    put16(&r, 0); put32(&r, 0); put16(&r, 0); record(&sheet, 0x0406, &r); r.len = 0;
    put16(&r, (unsigned)utf16_len("Đạt")); put8(&r, 1); utf16(&r, "Đạt");
    record(&sheet, 0x0207, &r); r.len = 0;
    record(&sheet, 0x000A, &r);

    uint32_t at = (uint32_t)g.len;
    memcpy(g.data + boundsheet_at, &at, 4);
    const Buf *parts[] = {&g, &sheet};
    int rc = write_ole_workbook(dir, "biff8_boundaries.xls", parts, 2);
    free(g.data); free(sheet.data); free(r.data);
    free(c0.data); free(c1.data); free(c2.data); free(c3.data); free(c4.data);
    return rc;
}

/* UTF-8 -> Windows-1258 bytes through glibc iconv, as a BIFF5 byte string (cch first). */
static void cp1258_string(Buf *b, const char *utf8, int short_len) {
    iconv_t cd = iconv_open("CP1258", "UTF-8");
    char out[512];
    char *in = (char *)utf8, *dst = out;
    size_t in_left = strlen(utf8), out_left = sizeof out;
    iconv(cd, &in, &in_left, &dst, &out_left);
    iconv_close(cd);
    size_t n = sizeof out - out_left;
    if (short_len) put8(b, (unsigned)n); else put16(b, (unsigned)n);
    put(b, out, n);
}

static int write_biff5(const char *dir) {
    Buf g = {0}, sheet = {0}, r = {0};
    put16(&r, 0x0500); put16(&r, 0x0005); put32(&r, 0); record(&g, 0x0809, &r); r.len = 0;
    put16(&r, 1258); record(&g, 0x0042, &r); r.len = 0;
    for (int i = 0; i < 5; ++i) {
        for (int k = 0; k < 14; ++k) put8(&r, 0);
        put8(&r, 15); put(&r, "Times New Roman", 15);
        record(&g, 0x0031, &r); r.len = 0;
    }
    for (int i = 0; i < 2; ++i) {
        put16(&r, 0); put16(&r, i ? 10 : 0); /* XF 1: built-in 0.00% */
        for (int k = 0; k < 12; ++k) put8(&r, 0);
        record(&g, 0x00E0, &r); r.len = 0;
    }
    size_t boundsheet_at = g.len + 4;
    put32(&r, 0); put8(&r, 0); put8(&r, 0); cp1258_string(&r, "Biểu 01", 1);
    record(&g, 0x0085, &r); r.len = 0;
    record(&g, 0x000A, &r);
    put16(&r, 0x0500); put16(&r, 0x0010); put32(&r, 0); record(&sheet, 0x0809, &r); r.len = 0;
    const char *labels[] = {"Chỉ tiêu", "Tỷ lệ người dân tham gia bảo hiểm y tế", "Đạt"};
    for (unsigned i = 0; i < 3; ++i) {
        put16(&r, i); put16(&r, 0); put16(&r, 0); cp1258_string(&r, labels[i], 0);
        record(&sheet, 0x0204, &r); r.len = 0;
    }
    put16(&r, 1); put16(&r, 1); put16(&r, 1); putf64(&r, 0.978); record(&sheet, 0x0203, &r); r.len = 0;
    record(&sheet, 0x000A, &r);
    uint32_t at = (uint32_t)g.len;
    memcpy(g.data + boundsheet_at, &at, 4);
    char path[1024];
    snprintf(path, sizeof path, "%s/biff5_cp1258.xls", dir);
    const Buf *parts[] = {&g, &sheet};
    if (write_stream_file(path, "Book", parts, 2)) return 1;
    free(g.data); free(sheet.data); free(r.data);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    return write_types(argv[1]) | write_constant_memory(argv[1]) | write_encrypted(argv[1]) |
           write_biff8(argv[1], "biff8_traps.xls", 0) | write_biff8(argv[1], "biff8_1904.xls", 1) | write_biff5(argv[1]) |
           write_biff8_boundaries(argv[1]);
}
