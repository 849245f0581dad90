@echo off
chcp 65001 >nul
setlocal
rem Lập sổ tổng hợp năm từ báo cáo của các đơn vị: ket-qua\tong-hop.xlsx (ghi ra tệp tạm
rem rồi đổi tên; sổ cũ đang mở trong Excel thì được giữ nguyên, đóng Excel rồi chạy lại).
rem Năm tổng hợp: mặc định năm nay; muốn năm khác thì sửa dòng dưới, ví dụ: set "NAM=2026"
set "NAM="
cd /d "%~dp0"
set "MA=1"
call _chung.cmd
if errorlevel 1 goto :xong
if not exist "ket-qua\" mkdir "ket-qua"
set "SO_NHAN_TUY_CHON="
if defined SO_NHAN set "SO_NHAN_TUY_CHON=--receipts "%SO_NHAN%""
tonghop.exe consolidate --plan "%KE_HOACH%" %NAM_TUY_CHON% %SO_NHAN_TUY_CHON% -o "ket-qua\tong-hop.xlsx" "%BAO_CAO%"
set "MA=%ERRORLEVEL%"
echo.
if "%MA%"=="0" echo Đã ghi sổ tổng hợp: ket-qua\tong-hop.xlsx
if "%MA%"=="1" echo Đã ghi sổ tổng hợp: ket-qua\tong-hop.xlsx - có lỗi trong báo cáo: xem ở trên và trang Lỗi kiểm tra.
if "%MA%"=="3" echo Đã ghi sổ tổng hợp: ket-qua\tong-hop.xlsx - có tệp không đọc được: xem ở trên.
if "%MA%"=="4" echo Không ghi được sổ tổng hợp: xem ở trên.
:xong
echo.
if not defined TONGHOP_KHONG_DUNG pause
exit /b %MA%
