; Inno Setup script: the per-user Windows installer of Papelógrafo (no administrator rights).
;
; Build the bundle first (the README's Windows steps):  pyinstaller --noconfirm packaging\papelografo.spec
; then compile this script with Inno Setup 6:           iscc packaging\windows\papelografo.iss
; The installer lands in dist\ as papelografo-VERSION-windows-setup.exe.
;
; What it does: installs dist\papelografo\ into the user's own programs folder
; (%LOCALAPPDATA%\Programs\Papelografo), adds a Start-menu entry (and, if asked, a desktop
; shortcut) with the app's icon, and registers .taller files for the current user only
; (HKCU\Software\Classes) so a double-click opens them in Papelógrafo and Explorer shows its icon.
; Uninstalling removes the program, the shortcuts and those registry keys; the user's processes
; and settings (%APPDATA%\Papelografo) are left alone.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Papelógrafo"
#define AppExe "papelografo.exe"
#define ProgId "Papelografo.Taller"

[Setup]
AppId={{6D1F3C9A-4E2B-4B7C-9F1A-2C5E8D7B4A31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Papelógrafo
VersionInfoVersion={#AppVersion}
; Per-user install: no UAC prompt, nothing outside the user's profile.
PrivilegesRequired=lowest
DefaultDirName={userpf}\Papelografo
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ChangesAssociations=yes
SetupIconFile=papelografo.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=papelografo-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ShowLanguageDialog=auto

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
es.TallerFile=Proceso de Papelógrafo
en.TallerFile=Papelógrafo process

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\papelografo\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; .taller → Papelografo.Taller, for this user only (HKCU), removed on uninstall.
Root: HKCU; Subkey: "Software\Classes\.taller"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.taller\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:TallerFile}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".taller"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
