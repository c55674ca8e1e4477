using Fleet.Agent.Collectors.Commands;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.Applications;

/// <summary>
/// Lists installed applications with versions from every package source readable as the user. A source
/// that is absent (no such tool, no database) adds nothing; one that is there but fails makes the list
/// partial, so "not installed" cannot be concluded from it.
/// </summary>
public sealed class ApplicationsCollector(CollectorContext context)
{
    // plutil is a process per binary plist; a few at a time keeps a Mac with 200 apps quick without a process storm.
    private const int PlistConversions = 4;

    // Vendor folders ("/Applications/Microsoft Office/…", "/Applications/Utilities") nest bundles; deeper is not an install layout.
    private const int MacFolderDepth = 3;

    private static readonly string[] UninstallKeys =
    [
        @"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall",
        @"HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall",
        @"HKCU\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall",
    ];

    public Task<ApplicationInventory> CollectAsync(Platform platform, CancellationToken cancellationToken) =>
        FactGuard.RunAsync(platform switch
        {
            Platform.Linux => LinuxAsync,
            Platform.Darwin => MacAsync,
            Platform.Win32 => WindowsAsync,
            _ => _ => Task.FromResult(ApplicationInventory.Unknown("unknown platform")),
        }, ApplicationInventory.Unknown, cancellationToken);

    private async Task<ApplicationInventory> LinuxAsync(CancellationToken cancellationToken)
    {
        var sources = new (string Label, string Program, string[] Arguments, Func<string, IReadOnlyList<InstalledApplication>> Parse)[]
        {
            ("dpkg-query", "dpkg-query", ["-W", "-f", "${Package}\t${Version}\n"], PackageListParser.ParseTabSeparated),
            ("rpm", "rpm", ["-qa", "--qf", "%{NAME}\t%{VERSION}\n"], PackageListParser.ParseTabSeparated),
            ("flatpak", "flatpak", ["list", "--app", "--columns=name,version"], PackageListParser.ParseTabSeparated),
            ("snap", "snap", ["list"], PackageListParser.ParseSnapList),
        };
        var runs = sources.Select(s => context.RunAsync(s.Program, s.Arguments, cancellationToken)).ToArray();
        var results = await Task.WhenAll(runs).ConfigureAwait(false);

        var applications = new List<InstalledApplication>();
        var failures = new List<string>();
        var absent = new List<string>();
        for (var i = 0; i < sources.Length; i++)
        {
            if (results[i].Succeeded)
            {
                applications.AddRange(sources[i].Parse(results[i].Stdout));
            }
            else
            {
                (PackageListParser.IsAbsentSource(results[i]) ? absent : failures).Add(results[i].Describe(sources[i].Label));
            }
        }
        return absent.Count == sources.Length
            ? ApplicationInventory.Unknown("no package list could be read: " + string.Join("; ", absent))
            : Inventory(applications, failures, sources.Length - absent.Count);
    }

    private static ApplicationInventory Inventory(List<InstalledApplication> applications, List<string> failures, int sourcesPresent) =>
        failures.Count == 0 ? ApplicationInventory.Of(applications)
        : failures.Count == sourcesPresent ? ApplicationInventory.Unknown("no package list could be read: " + string.Join("; ", failures))
        : ApplicationInventory.Partial(applications, "the application list is incomplete: " + string.Join("; ", failures));

    private async Task<ApplicationInventory> MacAsync(CancellationToken cancellationToken)
    {
        if (!context.Files.DirectoryExists("/Applications"))
        {
            return ApplicationInventory.Unknown("/Applications is not readable");
        }
        var folders = new[] { "/Applications", Path.Combine(context.HomeDirectory, "Applications") }
            .Concat(context.ApplicationFolders.Select(ExpandHome))
            .Distinct(StringComparer.Ordinal);
        var bundles = folders.SelectMany(folder => FindBundles(folder, MacFolderDepth)).Distinct(StringComparer.Ordinal).ToList();
        using var gate = new SemaphoreSlim(PlistConversions);
        var apps = await Task.WhenAll(bundles.Select(b => ReadBundleAsync(b, gate, cancellationToken))).ConfigureAwait(false);
        return ApplicationInventory.Of(apps);
    }

    /// <summary>*.app bundles in a folder and its subfolders (not inside bundles: a bundle's helpers are part of it).</summary>
    private IEnumerable<string> FindBundles(string folder, int depth)
    {
        foreach (var entry in context.Files.List(folder, "*"))
        {
            if (entry.EndsWith(".app", StringComparison.OrdinalIgnoreCase))
            {
                yield return entry;
            }
            else if (depth > 1 && context.Files.DirectoryExists(entry))
            {
                foreach (var nested in FindBundles(entry, depth - 1))
                {
                    yield return nested;
                }
            }
        }
    }

    private string ExpandHome(string path) =>
        path == "~" ? context.HomeDirectory
        : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(context.HomeDirectory, path[2..])
        : path;

    private async Task<InstalledApplication> ReadBundleAsync(string bundle, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        var fallbackName = Path.GetFileNameWithoutExtension(bundle);
        var plistPath = Path.Combine(bundle, "Contents", "Info.plist");
        var plist = context.Files.ReadText(plistPath);
        if (plist.Status != Files.FileReadStatus.Read)
        {
            return new InstalledApplication(fallbackName, null);
        }
        var xml = plist.Content;
        if (InfoPlistParser.IsBinary(xml))
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var converted = await context.RunAsync("plutil", ["-convert", "xml1", "-o", "-", plistPath], cancellationToken).ConfigureAwait(false);
                xml = converted.Succeeded ? converted.Stdout : "";
            }
            finally
            {
                gate.Release();
            }
        }
        var parsed = InfoPlistParser.Parse(xml);
        return new InstalledApplication(parsed?.Name ?? fallbackName, parsed?.Version);
    }

    private Task<ApplicationInventory> WindowsAsync(CancellationToken cancellationToken)
    {
        // Each hive is its own source: one that cannot be read makes the list partial, not empty.
        var applications = new List<InstalledApplication>();
        var failures = new List<string>();
        foreach (var key in UninstallKeys)
        {
            try
            {
                applications.AddRange(WindowsUninstallParser.Parse(context.Registry.ReadSubkeys(key)));
            }
            catch (Exception e) when (e is UnauthorizedAccessException or System.Security.SecurityException or IOException)
            {
                failures.Add($"{key}: {e.Message}");
            }
        }
        return Task.FromResult(Inventory(applications, failures, UninstallKeys.Length));
    }
}
