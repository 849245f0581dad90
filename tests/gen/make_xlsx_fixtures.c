/* Writes the libxlsxwriter-made reader fixtures into the folder given as argv[1]:
 *   types.xlsx           every cell type, number formats, fonts, merged two-row header
 *                        band, rich text, hidden and empty sheets, NFC and NFD text
 *   constant_memory.xlsx the same kind of content written in constant_memory mode
 *                        (inline strings, rows flushed as written)
 *   bad_encrypted.xlsx   what Excel makes of a password-protected .xlsx: an OLE2 compound
 *                        file with EncryptionInfo (agile, version 4.4) and EncryptedPackage
 *                        streams. The payload is not real ciphertext: Debian's
 *                        msoffcrypto-tool 5.0.0 only decrypts. Real encrypted files are
 *                        checked in the corpus test.
 * Output is byte-for-byte reproducible: document dates are fixed.
 *
 *   ./make_xlsx_fixtures tests/data
 */
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-stdio.h>
#include <gsf/gsf-utils.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

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
    GError *err = NULL;
    GsfOutput *sink = gsf_output_stdio_new(path, &err);
    if (!sink) return 1;
    GsfOutfile *ole = gsf_outfile_msole_new(sink);
    static const char descriptor[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
        "<encryption xmlns=\"http://schemas.microsoft.com/office/2006/encryption\" "
        "xmlns:p=\"http://schemas.microsoft.com/office/2006/keyEncryptor/password\">"
        "<keyData saltSize=\"16\" blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" "
        "cipherAlgorithm=\"AES\" cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\" "
        "saltValue=\"AAAAAAAAAAAAAAAAAAAAAA==\"/></encryption>";
    guint8 header[8] = {4, 0, 4, 0, 0x40, 0, 0, 0}; /* version 4.4, flags: agile */
    GsfOutput *info = gsf_outfile_new_child(ole, "EncryptionInfo", FALSE);
    gsf_output_write(info, sizeof header, header);
    gsf_output_write(info, sizeof descriptor - 1, (const guint8 *)descriptor);
    gsf_output_close(info);
    g_object_unref(info);
    GsfOutput *pkg = gsf_outfile_new_child(ole, "EncryptedPackage", FALSE);
    guint8 block[4096 + 8];
    memset(block, 0, sizeof block);
    block[0] = 0x00; block[1] = 0x10; /* declared plaintext size: 4096 */
    for (size_t i = 8; i < sizeof block; ++i) block[i] = (guint8)(i * 131u + 7u);
    gsf_output_write(pkg, sizeof block, block);
    gsf_output_close(pkg);
    g_object_unref(pkg);
    gsf_output_close(GSF_OUTPUT(ole));
    g_object_unref(ole);
    g_object_unref(sink);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    gsf_init();
    return write_types(argv[1]) | write_constant_memory(argv[1]) | write_encrypted(argv[1]);
}
