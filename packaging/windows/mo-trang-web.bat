@echo off
chcp 65001 >nul
setlocal
rem Mở trang làm việc của văn phòng (tonghop serve) và trình duyệt: http://127.0.0.1:8080/
rem Đóng cửa sổ này để tắt trang.
rem Năm tổng hợp: mặc định năm nay; muốn năm khác thì sửa dòng dưới, ví dụ: set "NAM=2026"
set "NAM="
cd /d "%~dp0"
set "MA=2"
tonghop.exe serve --help >nul 2>&1
if errorlevel 1 (
  tonghop.exe serve
  goto :xong
)
call _chung.cmd
if errorlevel 1 goto :xong
start "" cmd /c "timeout /t 3 /nobreak >nul & start http://127.0.0.1:8080/"
tonghop.exe serve --plan "%KE_HOACH%" %NAM_TUY_CHON%
set "MA=%ERRORLEVEL%"
:xong
echo.
if not defined TONGHOP_KHONG_DUNG pause
exit /b %MA%
