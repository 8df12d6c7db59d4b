@echo off
rem Bam dup tep nay de mo trang lam viec cua bantin (bantin serve) trong trinh duyet.
rem Lan dau tep tu cai bantin vao thu muc .venv ben canh (can Internet, vai phut).
rem Tep viet bang UTF-8 khong BOM, xuong dong CRLF: chcp 65001 de cmd doc dung chu co dau.
chcp 65001 >nul
cd /d "%~dp0"
if exist ".venv\Scripts\python.exe" (
    ".venv\Scripts\python.exe" -c "import bantin" >nul 2>nul && goto chay
    goto cai
)
echo Lần đầu: đang tạo thư mục .venv cho bantin...
set "PY="
where py >nul 2>nul && set "PY=py"
if not defined PY where python >nul 2>nul && set "PY=python"
if not defined PY goto khong_co_python
%PY% -m venv .venv || goto loi_cai
:cai
echo Đang cài bantin (cần Internet, vài phút)...
".venv\Scripts\python.exe" -m pip install --disable-pip-version-check . || goto loi_cai
:chay
echo Giữ cửa sổ này mở trong lúc làm việc; đóng cửa sổ là dừng bantin.
".venv\Scripts\python.exe" -m bantin serve %*
pause
exit /b
:khong_co_python
echo Máy chưa có Python. Cài Python 3.11 trở lên từ https://www.python.org/downloads/windows/
echo (ở màn hình đầu, đánh dấu "Add python.exe to PATH"), rồi bấm đúp lại tệp này.
pause
exit /b 1
:loi_cai
echo Chưa cài được bantin: xem các dòng ở trên (thường do máy chưa nối Internet hoặc Python
echo cũ hơn 3.11), sửa rồi bấm đúp lại tệp này.
if exist ".venv" rmdir /s /q ".venv"
pause
exit /b 1
