@echo off
chcp 65001 >nul
setlocal
rem Kiểm tra báo cáo của các đơn vị: in kết quả ra màn hình và ghi sổ gửi lại đơn vị
rem (bản sao bảng của từng đơn vị, ô có vấn đề được tô màu) vào ket-qua\kiem-tra.xlsx.
rem Năm tổng hợp: mặc định năm nay; muốn năm khác thì sửa dòng dưới, ví dụ: set "NAM=2026"
set "NAM="
cd /d "%~dp0"
set "MA=1"
call _chung.cmd
if errorlevel 1 goto :xong
if not exist "ket-qua\" mkdir "ket-qua"
set "SO_NHAN_TUY_CHON="
if defined SO_NHAN set "SO_NHAN_TUY_CHON=--receipts "%SO_NHAN%""
tonghop.exe check --plan "%KE_HOACH%" %NAM_TUY_CHON% %SO_NHAN_TUY_CHON% --report "ket-qua\kiem-tra.xlsx" "%BAO_CAO%"
set "MA=%ERRORLEVEL%"
echo.
if "%MA%"=="0" echo Không có lỗi. Sổ gửi lại đơn vị: ket-qua\kiem-tra.xlsx
if "%MA%"=="1" echo Có lỗi: xem ở trên. Sổ gửi lại đơn vị, ô có lỗi được tô màu: ket-qua\kiem-tra.xlsx
if "%MA%"=="3" echo Có tệp không đọc được: xem ở trên. Sổ gửi lại đơn vị: ket-qua\kiem-tra.xlsx
:xong
echo.
if not defined TONGHOP_KHONG_DUNG pause
exit /b %MA%
