using Fleet.Agent.Collectors.Commands;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.Applications;

/// <summary>Lists installed applications with versions from every package source readable as the user.</summary>
public sealed class ApplicationsCollector(CollectorContext context)
{
    // plutil is a process per binary plist; a few at a time keeps a Mac with 200 apps quick without a process storm.
    private const int PlistConversions = 4;

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
        var anyRead = false;
        for (var i = 0; i < sources.Length; i++)
        {
            if (results[i].Succeeded)
            {
                anyRead = true;
                applications.AddRange(sources[i].Parse(results[i].Stdout));
            }
            else
            {
                failures.Add(results[i].Describe(sources[i].Label));
            }
        }
        return anyRead
            ? ApplicationInventory.Of(applications)
            : ApplicationInventory.Unknown("no package list could be read: " + string.Join("; ", failures));
    }

    private async Task<ApplicationInventory> MacAsync(CancellationToken cancellationToken)
    {
        var bundles = new[] { "/Applications", Path.Combine(context.HomeDirectory, "Applications") }
            .SelectMany(folder => context.Files.List(folder, "*.app"))
            .ToList();
        if (bundles.Count == 0 && !context.Files.DirectoryExists("/Applications"))
        {
            return ApplicationInventory.Unknown("/Applications is not readable");
        }
        using var gate = new SemaphoreSlim(PlistConversions);
        var apps = await Task.WhenAll(bundles.Select(b => ReadBundleAsync(b, gate, cancellationToken))).ConfigureAwait(false);
        return ApplicationInventory.Of(apps);
    }

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

    private async Task<ApplicationInventory> WindowsAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(UninstallKeys.Select(k => context.RunAsync("reg", ["query", k, "/s"], cancellationToken))).ConfigureAwait(false);
        if (!results.Any(r => r.Succeeded))
        {
            return ApplicationInventory.Unknown(results[0].Describe("reg query Uninstall"));
        }
        return ApplicationInventory.Of(results.Where(r => r.Succeeded).SelectMany(r => WindowsUninstallParser.Parse(r.Stdout)));
    }
}
