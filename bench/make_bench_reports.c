/* Writes N progress reports (default 2000) of about 40 rows each into a folder, as the
 * units of a city would send them in a year: header block naming the unit, a two-row
 * merged header, indicator rows with percent-formatted values and task rows with statuses,
 * names taken from the An Dương annex (some abbreviated as units write them).
 *
 *   ./make_bench_reports OUT_DIR [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

static const char *UNITS[] = {"PHÒNG VĂN HÓA - XÃ HỘI", "PHÒNG KINH TẾ, HẠ TẦNG VÀ ĐÔ THỊ", "CÔNG AN PHƯỜNG",
                              "BAN CHỈ HUY QUÂN SỰ PHƯỜNG", "VĂN PHÒNG HĐND VÀ UBND"};
static const char *INDICATORS[] = {
    "Tổng giá trị sản phẩm trên địa bàn", "Thu nhập bình quân đầu người", "Thu NSNN trên địa bàn",
    "Tỷ lệ giải ngân vốn đầu tư công phường", "Hộ nghèo theo chuẩn nghèo đa chiều quốc gia",
    "Tỷ lệ người dân tham gia BHYT", "Duy trì Trạm y tế đạt chuẩn quốc gia",
    "Trường công lập đạt chuẩn QG mức độ 1", "Trường công lập đạt chuẩn quốc gia mức độ 2",
    "Tỷ lệ gia đình văn hóa", "Tỷ lệ tổ dân phố văn hóa", "Phường đạt chuẩn đô thị văn minh",
    "Tỷ lệ thu gom chất thải rắn sinh hoạt", "Tỷ lệ dân số được sử dụng nước sạch",
    "Hoàn thành chỉ tiêu tuyển chọn và gọi công dân nhập ngũ", "Tỷ lệ điều tra, khám phá án chung",
    "Xây dựng và duy trì phường không ma túy"};
static const char *TASKS[] = {
    "Thực hiện công tác quản lý thu - chi ngân sách nhà nước", "Chống thất thu ngân sách và phát triển nguồn thu",
    "Quản lý, sử dụng hiệu quả tài sản công", "Tăng cường quản lý giá, thị trường",
    "Quản lý quy hoạch xây dựng trên địa bàn", "Quản lý trật tự xây dựng đô thị",
    "Triển khai phân loại rác thải tại nguồn", "Phát triển phong trào thể dục thể thao",
    "Nâng cao chất lượng giáo dục trên địa bàn", "Thực hiện chính sách người có công",
    "Tăng cường công tác bảo vệ trẻ em", "Phát triển chính quyền số",
    "Nâng cao chất lượng giải quyết thủ tục hành chính", "Triển khai Đề án 06 của Chính phủ",
    "Triển khai công tác phòng chống tội phạm và tệ nạn xã hội", "Tăng cường công tác phòng cháy chữa cháy",
    "Tuyên truyền cải cách hành chính", "Tuyên truyền chuyển đổi số và dịch vụ công trực tuyến",
    "Thực hiện nhiệm vụ quốc phòng, quân sự địa phương", "Xây dựng các tuyến phố văn minh đô thị",
    "Quản lý, sử dụng đất theo quy hoạch", "Triển khai chương trình giảm nghèo bền vững",
    "Quản lý hoạt động tôn giáo, tín ngưỡng"};
static const char *STATUS[] = {"Hoàn thành", "Đang thực hiện", "Đã hoàn thành", "Chậm tiến độ"};

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s OUT_DIR [N]\n", argv[0]);
        return 2;
    }
    int n = argc > 2 ? atoi(argv[2]) : 2000;
    int ni = sizeof INDICATORS / sizeof *INDICATORS, nt = sizeof TASKS / sizeof *TASKS;
    for (int f = 0; f < n; ++f) {
        char path[1024];
        snprintf(path, sizeof path, "%s/bao-cao-%04d.xlsx", argv[1], f);
        lxw_workbook *wb = workbook_new(path);
        lxw_worksheet *ws = workbook_add_worksheet(wb, "Biểu 01");
        lxw_format *pct = workbook_add_format(wb);
        format_set_num_format(pct, "0.0%");
        worksheet_write_string(ws, 0, 0, "UBND PHƯỜNG AN DƯƠNG", NULL);
        worksheet_write_string(ws, 1, 0, UNITS[f % 5], NULL);
        worksheet_merge_range(ws, 3, 0, 3, 5, "BÁO CÁO KẾT QUẢ THỰC HIỆN NĂM 2026", NULL);
        worksheet_merge_range(ws, 5, 0, 6, 0, "STT", NULL);
        worksheet_merge_range(ws, 5, 1, 6, 1, "Chỉ tiêu, nhiệm vụ", NULL);
        worksheet_merge_range(ws, 5, 2, 6, 2, "ĐVT", NULL);
        worksheet_merge_range(ws, 5, 3, 5, 4, "Năm 2026", NULL);
        worksheet_write_string(ws, 6, 3, "Kế hoạch", NULL);
        worksheet_write_string(ws, 6, 4, "Thực hiện", NULL);
        worksheet_merge_range(ws, 5, 5, 6, 5, "Tiến độ", NULL);
        int row = 7;
        for (int i = 0; i < 17; ++i, ++row) {
            worksheet_write_number(ws, row, 0, i + 1, NULL);
            worksheet_write_string(ws, row, 1, INDICATORS[(i + f) % ni], NULL);
            worksheet_write_string(ws, row, 2, "%", NULL);
            worksheet_write_number(ws, row, 3, 95 + (i % 5), NULL);
            worksheet_write_number(ws, row, 4, 0.90 + ((i + f) % 10) / 100.0, pct);
        }
        for (int i = 0; i < nt; ++i, ++row) {
            worksheet_write_number(ws, row, 0, 18 + i, NULL);
            worksheet_write_string(ws, row, 1, TASKS[(i + f) % nt], NULL);
            worksheet_write_string(ws, row, 5, STATUS[(i + f) % 4], NULL);
        }
        if (workbook_close(wb) != LXW_NO_ERROR) return 1;
    }
    return 0;
}
