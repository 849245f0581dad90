/* Writes the reader benchmark workbook: ROWS rows x 8 columns of mixed cells (numbers,
 * inline strings with Vietnamese text, percent and date formats, formulas with cached
 * results, booleans), in libxlsxwriter's constant_memory mode.
 *
 *   ./make_bench_xlsx OUT.xlsx [ROWS]      (ROWS defaults to 1000000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s OUT.xlsx [ROWS]\n", argv[0]);
        return 2;
    }
    long rows = argc > 2 ? atol(argv[2]) : 1000000;
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(argv[1], &opt);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Biểu 01");
    lxw_format *pct = workbook_add_format(wb);
    format_set_num_format(pct, "0.0%");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    static const char *names[] = {"Tỷ lệ người dân tham gia bảo hiểm y tế",
                                  "Thu nhập bình quân đầu người",
                                  "Trường công lập đạt chuẩn quốc gia mức độ 1"};
    char formula[64];
    for (long r = 0; r < rows; ++r) {
        lxw_row_t row = (lxw_row_t)r;
        worksheet_write_number(ws, row, 0, (double)(r + 1), NULL);
        worksheet_write_string(ws, row, 1, names[r % 3], NULL);
        worksheet_write_number(ws, row, 2, 97.5 + (r % 100) / 10.0, NULL);
        worksheet_write_number(ws, row, 3, 0.9 + (r % 10) / 100.0, pct);
        worksheet_write_number(ws, row, 4, 46000 + (r % 365), date);
        snprintf(formula, sizeof formula, "=C%ld*D%ld", r + 1, r + 1);
        worksheet_write_formula_num(ws, row, 5, formula, NULL, (97.5 + (r % 100) / 10.0) * (0.9 + (r % 10) / 100.0));
        worksheet_write_boolean(ws, row, 6, (int)(r & 1), NULL);
        worksheet_write_string(ws, row, 7, (r % 2) ? "Đạt" : "Không đạt", NULL);
    }
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
