"""The Windows version resource of BulletinEditor.exe (Explorer's Properties ▸ Details), built
from pyproject.toml's version by the PyInstaller spec."""

from __future__ import annotations

import re


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """Windows wants four numbers: "1.2.0rc1" -> (1, 2, 0, 1), "0.1" -> (0, 1, 0, 0)."""
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def windows_version_info(version: str, exe_name: str):
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = version_numbers(version)
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            StringFileInfo(
                [
                    StringTable(
                        "080404B0",
                        [  # Simplified Chinese, Unicode
                            StringStruct("CompanyName", "四川省政府政务服务和公共资源交易服务中心"),
                            StringStruct("FileDescription", "周报编辑器"),
                            StringStruct("FileVersion", version),
                            StringStruct("InternalName", exe_name),
                            StringStruct("OriginalFilename", f"{exe_name}.exe"),
                            StringStruct("ProductName", "周报编辑器"),
                            StringStruct("ProductVersion", version),
                        ],
                    )
                ]
            ),
            VarFileInfo([VarStruct("Translation", [0x0804, 1200])]),
        ],
    )
