@echo off
chcp 65001 >nul
setlocal
rem Mở trang làm việc của văn phòng (tonghop serve) và trình duyệt: http://127.0.0.1:8080/
rem Báo cáo nhận qua trang được lưu trong thư mục du-lieu\ cạnh tệp này.
rem Đóng cửa sổ này (hoặc bấm Ctrl+C) để tắt trang.
rem Năm tổng hợp: mặc định năm nay; muốn năm khác thì sửa dòng dưới, ví dụ: set "NAM=2026"
set "NAM="
rem Cổng của trang (đổi nếu máy đã có chương trình khác dùng cổng 8080).
if not defined CONG set "CONG=8080"
cd /d "%~dp0"
set "MA=2"
call _chung.cmd
if errorlevel 1 goto :xong
rem Trình duyệt mở sau vài giây, khi trang đã sẵn sàng.
if not defined TONGHOP_KHONG_MO_TRINH_DUYET start "" cmd /c "timeout /t 3 /nobreak >nul & start http://127.0.0.1:%CONG%/"
tonghop.exe serve --plan "%KE_HOACH%" %NAM_TUY_CHON% --data "du-lieu" --listen 127.0.0.1:%CONG%
set "MA=%ERRORLEVEL%"
:xong
echo.
if not defined TONGHOP_KHONG_DUNG pause
exit /b %MA%
