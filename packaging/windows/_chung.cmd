@rem Dùng chung cho kiem-tra.bat, tong-hop.bat, mo-trang-web.bat (không cần mở tệp này).
@rem Tìm kế hoạch và báo cáo cạnh các tệp .bat: thư mục ke-hoach\ (một sổ kế hoạch),
@rem thư mục bao-cao\ (báo cáo của các đơn vị), sổ nhận so-nhan-bao-cao.csv hoặc .xlsx (nếu có).
@rem Chưa có thư mục ke-hoach\: dùng dữ liệu mẫu trong samples\ (năm 2026).
set "KE_HOACH="
set "BAO_CAO="
set "SO_NHAN="
set "NAM_TUY_CHON="
if not exist "ke-hoach\" goto :mau
set "SO_TEP=0"
rem Theo đuôi tệp đúng từng chữ (mẫu *.xls của Windows khớp cả tệp .xlsx).
for %%f in (ke-hoach\*) do call :xem "%%~f"
if "%SO_TEP%"=="0" (
  echo Thư mục ke-hoach chưa có sổ kế hoạch: chép sổ kế hoạch của xã/phường vào đó rồi chạy lại.
  exit /b 1
)
if not "%SO_TEP%"=="1" (
  echo Thư mục ke-hoach có %SO_TEP% tệp: chỉ để lại một sổ kế hoạch rồi chạy lại.
  exit /b 1
)
if not exist "bao-cao\" (
  echo Chưa có thư mục bao-cao: tạo thư mục bao-cao cạnh tệp này, chép báo cáo của các đơn vị vào đó.
  exit /b 1
)
set "BAO_CAO=bao-cao"
if exist "so-nhan-bao-cao.xlsx" set "SO_NHAN=so-nhan-bao-cao.xlsx"
if exist "so-nhan-bao-cao.csv" set "SO_NHAN=so-nhan-bao-cao.csv"
rem Năm tổng hợp: NAM trong tệp .bat, không có thì năm của ngày hôm nay: phần 20xx của
rem %date% (29/11/2026, Sun 11/29/2026, 2026-11-29...); không thấy thì báo sửa dòng NAM.
set "NAM_SO=0"
if defined NAM call :nam_thu %NAM%
if not defined NAM (
  set "HOM_NAY=%date:/= %"
  call set "HOM_NAY=%%HOM_NAY:-= %%"
  call set "HOM_NAY=%%HOM_NAY:.= %%"
  call :nam_hom_nay
)
if "%NAM_SO%"=="0" goto :nam_sai
set "NAM_TUY_CHON=--year %NAM_SO%"
exit /b 0

:nam_hom_nay
for %%p in (%HOM_NAY%) do call :nam_thu %%p
exit /b 0
:nam_thu
set "SO=0"
set /a SO=%~1 2>nul
if %SO% GEQ 2000 if %SO% LEQ 2099 set "NAM_SO=%SO%"
exit /b 0

:nam_sai
echo Không biết năm tổng hợp: bấm chuột phải vào tệp .bat, chọn Edit, sửa dòng set "NAM=" thành ví dụ set "NAM=2026".
exit /b 1

:xem
if /i "%~x1"==".xlsx" goto :dem
if /i "%~x1"==".xls" goto :dem
if /i "%~x1"==".ods" goto :dem
if /i "%~x1"==".docx" goto :dem
exit /b 0
:dem
set "KE_HOACH=%~1"
set /a SO_TEP+=1
exit /b 0

:mau
echo Chưa có thư mục ke-hoach: dùng dữ liệu mẫu trong samples, năm 2026. Xem HUONG-DAN.txt.
echo.
set "KE_HOACH=samples\ke-hoach\an-duong-2026-2030.xlsx"
set "BAO_CAO=samples\bao-cao"
set "SO_NHAN=samples\so-nhan-bao-cao.csv"
set "NAM_TUY_CHON=--year 2026"
exit /b 0
