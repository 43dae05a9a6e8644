; Per-user installer of 周报编辑器 (Inno Setup 6.x): no administrator rights needed.
; Saved as UTF-8 with a byte-order mark: without it the compiler reads the Chinese as ANSI.
;
; Build after PyInstaller (see packaging/README.md), from the repository root:
;   iscc /DAppVersion=0.1.0 packaging\installer.iss
; AppVersion is pyproject.toml's version; the release workflow passes it, nothing here repeats it.
; Optional: /DBundleDir=... (the PyInstaller folder), /DIconFile=... (the rendered .ico),
; /DAppNumericVersion=1.2.3.0 (when AppVersion is not plain numbers), /DSignTool=NAME with
; /SNAME="signtool sign ... $f" to sign the installer and uninstaller.

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z packaging\installer.iss
#endif
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\BulletinEditor"
#endif
#ifndef IconFile
  #define IconFile "..\build\pyinstaller\icons\icon.ico"
#endif

#define AppName "周报编辑器"
#define AppExe "BulletinEditor.exe"
#define Publisher "四川省政府政务服务和公共资源交易服务中心"
#define FileClass "BulletinEditor.Issue"

; Setup's own texts in Simplified Chinese: shipped with newer Inno Setup releases; otherwise
; put ChineseSimplified.isl beside this script (the release workflow does).
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages AddBackslash(SourcePath) + "ChineseSimplified.isl"
#else
  #error ChineseSimplified.isl not found: put it in Inno Setup's Languages folder or beside installer.iss
#endif

[Setup]
; AppId identifies the program across upgrades and in "Apps & features": never change it.
AppId={{6C1D3B52-5E0B-4F57-9C1A-2B7E0F4D8A31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#Publisher}
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductVersion={#AppNumericVersion}
VersionInfoDescription={#AppName} 安装程序
; Per user: %LOCALAPPDATA%\Programs\BulletinEditor, Start menu and registry of this user only.
PrivilegesRequired=lowest
DefaultDirName={autopf}\BulletinEditor
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile={#IconFile}
OutputDir=..\dist
OutputBaseFilename=BulletinEditor-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; The .bulletin association changes: tell Explorer so its icon shows at once.
ChangesAssociations=yes
; An upgrade or uninstall closes a running editor first (it asks about unsaved changes).
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=no
#ifdef SignTool
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ChineseMessages}"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "编辑、归档并导出《窗口工作周报》"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The .bulletin file type, for this user only (HKCU\Software\Classes): double-click opens it in
; the editor (a running editor takes it over), with the program's icon. Removed on uninstall.
Root: HKCU; Subkey: "Software\Classes\.bulletin"; ValueType: string; ValueName: ""; ValueData: "{#FileClass}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.bulletin\OpenWithProgids"; ValueType: string; ValueName: "{#FileClass}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#FileClass}"; ValueType: string; ValueName: ""; ValueData: "窗口工作周报"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#FileClass}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\{#FileClass}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".bulletin"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what Setup installed. The user's archive
; (Documents\窗口工作周报), settings, autosaves and log (%LOCALAPPDATA%\BulletinEditor) stay.
