# Builds the Windows installer of the Companion app (packaging/target/dist/Companion-VERSION.msi) with
# jpackage: a jlink runtime (packaging/app.modules), the app's jars with Chromium's Windows natives,
# the app's JVM options (app/src/main/resources/dev/companion/app/jvm.options) and its icon
# (packaging/linux/companion.png, turned into an .ico here). Run on Windows (x64) with a JDK 21+ in
# JAVA_HOME, Maven, and the WiX Toolset: WiX 3, or WiX 5 with its Util and UI extensions (jpackage
# 24+; .github/workflows/installers.yml installs 5.0.2). Cannot be run on Linux: see packaging/README.md.
#   pwsh packaging/windows/package.ps1 [-NoBuild]
param([switch]$NoBuild)
$ErrorActionPreference = 'Stop'
$Root = (Resolve-Path "$PSScriptRoot\..\..").Path
Set-Location $Root
if (-not $env:JAVA_HOME) { throw 'package: set JAVA_HOME to a JDK 21 or newer' }
$jpackage = Join-Path $env:JAVA_HOME 'bin\jpackage.exe'

# Maven picks JavaFX's Windows jars by itself (the javafx poms choose by OS); Chromium's natives are
# the Linux ones in the app's pom, swapped below.
if (-not $NoBuild) { mvn -B -q -DskipTests package; if ($LASTEXITCODE) { throw 'package: the build failed' } }

$pom = [xml](Get-Content pom.xml)
$version = $pom.project.version -replace '-SNAPSHOT$', ''
$nativesVersion = $pom.project.properties.'jcef.natives.version'
$out = Join-Path $Root 'packaging\target\windows'
$dist = Join-Path $Root 'packaging\target\dist'
Remove-Item -Recurse -Force $out -ErrorAction SilentlyContinue
$in = New-Item -ItemType Directory -Force (Join-Path $out 'input')
New-Item -ItemType Directory -Force $dist | Out-Null

# The app's jar and its class path (app/target/classpath.txt, ';'-separated here), but Linux natives.
$mainJar = Get-ChildItem 'app\target\companion-app-*.jar' | Select-Object -First 1
Copy-Item $mainJar.FullName $in
$classPath = (Get-Content 'app\target\classpath.txt' -Raw).Trim() -split [IO.Path]::PathSeparator
foreach ($jar in $classPath) {
    if ($jar -and (Split-Path $jar -Leaf) -notlike 'jcef-natives-linux-*') { Copy-Item $jar $in }
}
$devOnly = Get-ChildItem $in -Name | Where-Object { $_ -match '^companion-(shop|testkit|bench)-' }
if ($devOnly) { throw "package: development-only code would ship: $devOnly" }
# Chromium for Windows x64: the same JCEF build as the Linux natives (one version for every platform)
mvn -B -q dependency:copy "-Dartifact=me.friwi:jcef-natives-windows-amd64:$nativesVersion" "-DoutputDirectory=$in"
if ($LASTEXITCODE) { throw "package: me.friwi:jcef-natives-windows-amd64:$nativesVersion is not on Maven Central" }

# The same JVM options and modules as on Linux (one file each).
$javaOptions = @()
foreach ($line in Get-Content 'app\src\main\resources\dev\companion\app\jvm.options') {
    $o = $line.Trim()
    if ($o -and -not $o.StartsWith('#')) { $javaOptions += @('--java-options', $o) }
}
$modules = ((Get-Content 'packaging\app.modules') | Where-Object { $_ -and -not $_.StartsWith('#') }) -join '' -replace '\s', ''

# The icon: the Linux PNG (256x256) in an .ico of one PNG entry (Windows Vista and later read those).
$png = [IO.File]::ReadAllBytes((Join-Path $Root 'packaging\linux\companion.png'))
$ico = New-Object IO.MemoryStream
$w = New-Object IO.BinaryWriter($ico)
$w.Write([UInt16]0); $w.Write([UInt16]1); $w.Write([UInt16]1)            # reserved, type icon, one image
$w.Write([byte]0); $w.Write([byte]0); $w.Write([byte]0); $w.Write([byte]0) # 256 x 256 (0 means 256), no palette
$w.Write([UInt16]1); $w.Write([UInt16]32); $w.Write([UInt32]$png.Length); $w.Write([UInt32]22)
$w.Write($png); $w.Flush()
$icon = Join-Path $out 'companion.ico'
[IO.File]::WriteAllBytes($icon, $ico.ToArray())

# No class data sharing archive here: the Linux packages make it after install (a post-install step);
# an .msi made by jpackage has none, so the app starts without one (app/README.md).
& $jpackage --type msi --dest $dist --name Companion --app-version $version --vendor Companion `
    --description 'Browse together' --input $in --main-jar $mainJar.Name --main-class dev.companion.app.Main `
    --add-modules $modules --jlink-options '--strip-debug --no-man-pages --no-header-files' @javaOptions `
    --icon $icon --win-menu --win-menu-group Companion --win-shortcut --win-dir-chooser `
    --win-upgrade-uuid 6a52304d-b6be-47d4-a822-dfc0d80fb306
if ($LASTEXITCODE) { throw 'package: jpackage failed' }
Get-ChildItem $dist
