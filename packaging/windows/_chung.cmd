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
for %%f in ("ke-hoach\*.xlsx" "ke-hoach\*.xls" "ke-hoach\*.ods" "ke-hoach\*.docx") do (
  set "KE_HOACH=%%~f"
  set /a SO_TEP+=1
)
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
if defined NAM set "NAM_TUY_CHON=--year %NAM%"
exit /b 0

:mau
echo Chưa có thư mục ke-hoach: dùng dữ liệu mẫu (samples\, năm 2026). Xem HUONG-DAN.txt.
echo.
set "KE_HOACH=samples\ke-hoach\an-duong-2026-2030.xlsx"
set "BAO_CAO=samples\bao-cao"
set "SO_NHAN=samples\so-nhan-bao-cao.csv"
set "NAM_TUY_CHON=--year 2026"
exit /b 0
