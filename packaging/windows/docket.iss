; Inno Setup 6 script: a Windows installer for the PyInstaller folder.
;
; On Windows, from the repository root:
;     make package                       (or: pyinstaller --noconfirm packaging\docket.spec)
;     iscc /DAppVersion=0.1.0 packaging\windows\docket.iss
; writes dist\docket-0.1.0-setup.exe. AppVersion must be pyproject.toml's version.
;
; The folder holds docket.exe (console: the command line) and docketw.exe (the same
; program without a console window: Start menu, desktop icon, double-clicked bundles).
; Installs per user by default (no administrator rights needed; the dialog offers "for all
; users"). User data (workspaces, keys, settings under %LOCALAPPDATA%\docket) is never
; touched by the installer or the uninstaller: a workspace may hold answers not exported yet.
; Not built in CI (no Windows machine): see packaging/README.md.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Docket"
#define DistDir "..\..\dist\docket"

[Setup]
; Never change AppId: it is how upgrades find the installed copy.
AppId={{6F1C2B7E-3D4A-4B8E-9C55-2A7D0E9F4B31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Docket
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Docket
DefaultGroupName=Docket
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=docket-{#AppVersion}-setup
SetupIconFile=..\icons\docket.ico
UninstallDisplayIcon={app}\docketw.exe
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
ChangesEnvironment=yes

[Tasks]
Name: "associate"; Description: "Open Docket bundles (*.docket) with Docket"; GroupDescription: "File types:"
Name: "addtopath"; Description: "Add the docket command to PATH (for the command line)"; GroupDescription: "Command line:"; Flags: unchecked
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the folder's contents: no library of an older build may stay behind.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\Docket"; Filename: "{app}\docketw.exe"; Comment: "Offline expert review of LLM responses"
Name: "{autodesktop}\Docket"; Filename: "{app}\docketw.exe"; Tasks: desktopicon

[Registry]
; HKA is HKCU for a per-user install and HKLM for an install for all users.
; `docketw.exe BUNDLE` opens the review window and imports the bundle (docket.cli).
Root: HKA; Subkey: "Software\Classes\.docket"; ValueType: string; ValueName: ""; ValueData: "Docket.Bundle"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.docket\OpenWithProgids"; ValueType: string; ValueName: "Docket.Bundle"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Docket.Bundle"; ValueType: string; ValueName: ""; ValueData: "Docket bundle"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Docket.Bundle\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\docketw.exe,0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Docket.Bundle\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\docketw.exe"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\docketw.exe"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "Docket"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\docketw.exe\SupportedTypes"; ValueType: string; ValueName: ".docket"; ValueData: ""
; Result bundles (*.docket-result) get a name and icon only: they go back to the server.
Root: HKA; Subkey: "Software\Classes\.docket-result"; ValueType: string; ValueName: ""; ValueData: "Docket.Result"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Docket.Result"; ValueType: string; ValueName: ""; ValueData: "Docket result bundle"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Docket.Result\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\docketw.exe,0"; Tasks: associate
; The command line: the install folder on the user's PATH (removed again on uninstall).
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NotOnPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\docketw.exe"; Description: "{cm:LaunchProgram,Docket}"; Flags: nowait postinstall skipifsilent

[Code]
function NotOnPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKCU, 'Environment', 'Path', Path) then
    Path := '';
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Path, Dir: string;
  P: Integer;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  if not RegQueryStringValue(HKCU, 'Environment', 'Path', Path) then
    exit;
  Dir := ExpandConstant('{app}');
  P := Pos(';' + Uppercase(Dir), Uppercase(Path));
  if P > 0 then
  begin
    Delete(Path, P, Length(Dir) + 1);
    RegWriteExpandStringValue(HKCU, 'Environment', 'Path', Path);
  end;
end;
