using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Fleet.Compliance.Policy;

/// <summary>
/// One parse of one policy document: walks the YAML node tree, collects every problem with its
/// mark, and builds the <see cref="Policy"/> only when there were none. Keys it does not know are
/// warnings (skipped), or errors when <paramref name="strict"/>.
/// </summary>
internal sealed partial class PolicyReader(bool strict)
{
    /// <summary>Windows' longest display timeout choice is 5 hours; anything longer is a unit mistake.</summary>
    private const int MaxLockTimeoutSeconds = 5 * 60 * 60;

    private const string RequirementValues = "ALWAYS, SUGGESTED, NEVER, IF_SUPPORTED";
    private const string RangeExamples = "npm semver syntax such as \">=14.6.1\", \"^22.04\" or \"<=600\"";

    private readonly List<PolicyError> _errors = [];
    private readonly List<PolicyError> _warnings = [];

    /// <summary>Where the YAML parser last got to, for failures that come without a mark.</summary>
    private Mark _lastMark = Mark.Empty;

    public PolicyParseResult Read(string? text)
    {
        if (text is null) return Refuse(1, 1, "no policy text was given");
        if (text.Length > PolicyParser.MaxLength)
        {
            return Refuse(1, 1, $"the policy is {text.Length} characters long; the limit is {PolicyParser.MaxLength}");
        }

        var root = Load(text);
        if (_errors.Count > 0) return Refused();
        if (root is null) return new PolicyParseResult(Policy.Empty, []);

        var policy = ReadPolicy(root);
        return _errors.Count > 0 || policy is null ? Refused() : new PolicyParseResult(policy, []) { Warnings = Ordered(_warnings) };
    }

    // ---- document ---------------------------------------------------------------------------

    private YamlNode? Load(string text)
    {
        try
        {
            if (!CheckStructure(text)) return null;
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0) return null;
            var root = stream.Documents[0].RootNode;
            // An empty document ("---" alone) is an empty policy.
            return root is YamlScalarNode { Value: null or "", Style: ScalarStyle.Plain or ScalarStyle.Any } ? null : root;
        }
        catch (YamlException ex)
        {
            Error(ex.Start, $"YAML syntax error: {StripMark(ex.Message)}");
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            // YamlDotNet occasionally fails on malformed input without a YamlException (and so
            // without a mark); the end of the last event it read is the best position we have.
            Error(_lastMark, $"YAML syntax error after this point: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// A first pass over the parser's events, before any node is built: one document only, and a
    /// bounded depth (building the node tree recurses).
    /// </summary>
    private bool CheckStructure(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var documents = 0;
        while (parser.MoveNext())
        {
            _lastMark = parser.Current!.End;
            switch (parser.Current)
            {
                case DocumentStart start:
                    if (++documents > 1)
                    {
                        Error(start.Start, "a policy is a single YAML document; found a second one here");
                        return false;
                    }
                    break;
                case MappingStart or SequenceStart:
                    if (++depth > PolicyParser.MaxDepth)
                    {
                        Error(parser.Current.Start, $"nested more than {PolicyParser.MaxDepth} levels deep");
                        return false;
                    }
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
        return true;
    }

    private Policy? ReadPolicy(YamlNode root)
    {
        if (root is not YamlMappingNode map)
        {
            Error(root, $"the policy must be a map of keys such as 'firewall: ALWAYS', found {Kind(root)}");
            return null;
        }

        var policy = Policy.Empty;
        var waiverChecks = new List<(YamlNode Node, string Check, string Path)>();
        YamlNode? agentVersionKey = null;
        foreach (var (key, keyNode, value) in Entries(map, null, PolicyKeys.TopLevel))
        {
            switch (key)
            {
                case PolicyKeys.OsVersion:
                    policy = policy with { OsVersion = ReadOsVersion(value) };
                    break;
                case PolicyKeys.Firewall:
                    policy = policy with { Firewall = ReadRequirement(value, key) };
                    break;
                case PolicyKeys.DiskEncryption:
                    policy = policy with { DiskEncryption = ReadRequirement(value, key) };
                    break;
                case PolicyKeys.AutomaticUpdates:
                    policy = policy with { AutomaticUpdates = ReadRequirement(value, key) };
                    break;
                case PolicyKeys.ScreenLock:
                    policy = policy with { ScreenLock = ReadRequirement(value, key) };
                    break;
                case PolicyKeys.RemoteLogin:
                    policy = policy with { RemoteLogin = ReadRequirement(value, key) };
                    break;
                case PolicyKeys.ScreenIdle:
                    policy = policy with { ScreenIdle = ReadScreenIdle(value) };
                    break;
                case PolicyKeys.AgentVersion or PolicyKeys.StethoscopeVersion:
                    if (agentVersionKey is not null)
                    {
                        Error(keyNode, $"'{key}' repeats the agent version range set at line {Line(agentVersionKey)} "
                            + "('stethoscopeVersion' is an alias of 'agentVersion'); keep one");
                        break;
                    }
                    agentVersionKey = keyNode;
                    policy = policy with { AgentVersion = ReadRange(value, key) };
                    break;
                case PolicyKeys.Applications:
                    policy = policy with { Applications = ReadApplications(value) };
                    break;
                case PolicyKeys.Waivers:
                    policy = policy with { Waivers = ReadWaivers(value, waiverChecks) };
                    break;
                case PolicyKeys.OpenWifiConnections:
                    policy = policy with { OpenWifiConnections = ReadRequirement(value, key) };
                    break;
                case PolicyKeys.WindowsMaxScreenLockTimeout:
                    policy = policy with { WindowsMaxScreenLockTimeout = ReadSeconds(value, key) };
                    break;
            }
        }

        // Waivers may come before the applications they name, so their checks are validated last.
        foreach (var (node, check, path) in waiverChecks) ValidateWaiverCheck(node, check, path, policy.Applications);
        return policy;
    }

    // ---- osVersion --------------------------------------------------------------------------

    private ValueList<OsVersionBracket> ReadOsVersion(YamlNode node)
    {
        if (!ExpectMap(node, PolicyKeys.OsVersion, "a map of platform to {ok, nudge} ranges", out var map)) return ValueList<OsVersionBracket>.Empty;
        var brackets = new List<OsVersionBracket>();
        foreach (var (platform, keyNode, value) in Entries(map, PolicyKeys.OsVersion, null))
        {
            var path = $"{PolicyKeys.OsVersion}.{platform}";
            if (!ValidatePlatformKey(keyNode, platform, PolicyKeys.OsVersion)) continue;
            if (!ExpectMap(value, path, "a map with 'ok' and optionally 'nudge'", out var bracketMap)) continue;
            VersionRange? ok = null, nudge = null;
            var sawOk = false;
            foreach (var (key, _, rangeNode) in Entries(bracketMap, path, PolicyKeys.Bracket))
            {
                if (key == PolicyKeys.Ok)
                {
                    sawOk = true;
                    ok = ReadRange(rangeNode, $"{path}.ok");
                }
                else
                {
                    nudge = ReadRange(rangeNode, $"{path}.nudge");
                }
            }
            if (!sawOk) Error(bracketMap, $"{path}: missing required field 'ok'");
            if (ok is not null) brackets.Add(new OsVersionBracket(platform, ok, nudge));
        }
        brackets.Sort((a, b) => string.CompareOrdinal(a.Platform, b.Platform));
        return ValueList<OsVersionBracket>.From(brackets);
    }

    // ---- applications -----------------------------------------------------------------------

    private ValueList<ApplicationRequirement> ReadApplications(YamlNode node)
    {
        if (!ExpectList(node, PolicyKeys.Applications, "a list of applications", out var list)) return ValueList<ApplicationRequirement>.Empty;
        var applications = new List<ApplicationRequirement>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"{PolicyKeys.Applications}[{i}]";
            if (!ExpectMap(list.Children[i], path, "a map with 'name' and 'assertion'", out var map)) continue;
            string? name = null;
            Requirement? assertion = null;
            VersionRange? version = null;
            ValueList<PlatformFilter>? platforms = null;
            string? description = null, installFrom = null;
            ValueList<ApplicationPath>? paths = null;
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, _, value) in Entries(map, path, PolicyKeys.Application))
            {
                present.Add(key);
                var field = $"{path}.{key}";
                switch (key)
                {
                    case PolicyKeys.Name:
                        name = ReadText(value, field, required: true);
                        if (name is not null && !seen.TryAdd(name, value))
                        {
                            Error(value, $"{field}: duplicate application name '{Shorten(name)}' (first at line {Line(seen[name])}); "
                                + "each application is one check, 'app:<name>'");
                        }
                        break;
                    case PolicyKeys.Assertion:
                        assertion = ReadRequirement(value, field);
                        break;
                    case PolicyKeys.Version:
                        version = ReadRange(value, field);
                        break;
                    case PolicyKeys.Platform:
                        platforms = ReadPlatformFilter(value, field);
                        break;
                    case PolicyKeys.Description:
                        description = ReadText(value, field, required: false);
                        break;
                    case PolicyKeys.InstallFrom:
                        installFrom = ReadText(value, field, required: false);
                        break;
                    case PolicyKeys.Paths:
                        paths = ReadPaths(value, field);
                        break;
                }
            }
            if (!present.Contains(PolicyKeys.Name)) Error(map, $"{path}: missing required field 'name'");
            if (!present.Contains(PolicyKeys.Assertion))
            {
                Error(map, $"{path}: missing required field 'assertion' (one of {RequirementValues})");
            }
            // A field that could not be read was reported, and any report refuses the whole policy, so only complete entries matter.
            if (name is not null && assertion is { } requirement)
            {
                applications.Add(new ApplicationRequirement(name, requirement, version, platforms, description, installFrom, paths));
            }
        }
        return ValueList<ApplicationRequirement>.From(applications);
    }

    /// <summary>
    /// <c>platform: darwin</c>, or Stethoscope's map form <c>platform: {darwin: "&gt;=14", ubuntu: "*"}</c>
    /// whose values are OS version ranges.
    /// </summary>
    private ValueList<PlatformFilter>? ReadPlatformFilter(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar)
        {
            var key = scalar.Value ?? "";
            return ValidatePlatformKey(scalar, key, path) ? ValueList<PlatformFilter>.From([new PlatformFilter(key, null)]) : null;
        }
        if (!ExpectMap(node, path, "a platform (darwin, win32, linux or a distro id) or a map of platform to OS version range", out var map)) return null;
        var filters = new List<PlatformFilter>();
        var valid = true;
        foreach (var (key, keyNode, value) in Entries(map, path, null))
        {
            if (!ValidatePlatformKey(keyNode, key, path))
            {
                valid = false;
                continue;
            }
            // Stethoscope writes "all: true" for "every platform"; "*" or an empty value mean any version.
            if (value is YamlScalarNode { Value: "*" or "" or null or "true" or "True" })
            {
                filters.Add(new PlatformFilter(key, null));
                continue;
            }
            if (value is YamlScalarNode { Value: "false" or "False" }) continue;
            var range = ReadRange(value, $"{path}.{key}");
            if (range is null) valid = false;
            else filters.Add(new PlatformFilter(key, range));
        }
        if (!valid) return null;
        if (filters.Count == 0)
        {
            Error(map, $"{path}: an empty platform map would exclude every device; remove 'platform' to include all");
            return null;
        }
        filters.Sort((a, b) => string.CompareOrdinal(a.Platform, b.Platform));
        return ValueList<PlatformFilter>.From(filters);
    }

    // ---- waivers ----------------------------------------------------------------------------

    private ValueList<Waiver> ReadWaivers(YamlNode node, List<(YamlNode, string, string)> checks)
    {
        if (!ExpectList(node, PolicyKeys.Waivers, "a list of waivers", out var list)) return ValueList<Waiver>.Empty;
        var waivers = new List<Waiver>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"{PolicyKeys.Waivers}[{i}]";
            if (!ExpectMap(list.Children[i], path, "a map with 'check', 'device' or 'person', 'justification' and 'expires'", out var map)) continue;
            string? check = null, device = null, person = null, justification = null;
            DateOnly? expires = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, _, value) in Entries(map, path, PolicyKeys.Waiver))
            {
                seen.Add(key);
                var field = $"{path}.{key}";
                switch (key)
                {
                    case PolicyKeys.Check:
                        check = ReadText(value, field, required: true);
                        if (check is not null) checks.Add((value, check, field));
                        break;
                    case PolicyKeys.Device:
                        device = ReadText(value, field, required: true);
                        break;
                    case PolicyKeys.Person:
                        person = ReadText(value, field, required: true);
                        if (person is not null && !LooksLikeEmail(person))
                        {
                            Error(value, $"{field}: '{Shorten(person)}' is not an e-mail address");
                            person = null;
                        }
                        break;
                    case PolicyKeys.Justification:
                        justification = ReadText(value, field, required: true);
                        break;
                    case PolicyKeys.Expires:
                        expires = ReadDate(value, field);
                        break;
                }
            }
            foreach (var required in new[] { PolicyKeys.Check, PolicyKeys.Justification, PolicyKeys.Expires })
            {
                if (!seen.Contains(required)) Error(map, $"{path}: missing required field '{required}'");
            }
            var hasDevice = seen.Contains(PolicyKeys.Device);
            var hasPerson = seen.Contains(PolicyKeys.Person);
            if (hasDevice == hasPerson)
            {
                Error(map, $"{path}: give exactly one of 'device' (a device id) or 'person' (an e-mail address)"
                    + (hasDevice ? ", not both" : ""));
            }
            if (check is not null && justification is not null && expires is { } date && (device is null) != (person is null))
            {
                waivers.Add(new Waiver(check, device, person, justification, date));
            }
        }
        return ValueList<Waiver>.From(waivers);
    }

    private void ValidateWaiverCheck(YamlNode node, string check, string path, ValueList<ApplicationRequirement> applications)
    {
        if (CheckIds.IsSetting(check)) return;
        var candidates = new List<string>(CheckIds.Settings);
        foreach (var application in applications) candidates.Add(application.CheckId);
        if (CheckIds.ApplicationName(check) is { } name)
        {
            foreach (var application in applications)
            {
                if (string.Equals(application.Name, name, StringComparison.OrdinalIgnoreCase)) return;
            }
            Error(node, $"{path}: there is no application named '{Shorten(name)}' in this policy" + DidYouMean(check, candidates));
            return;
        }
        Error(node, $"{path}: unknown check '{Shorten(check)}'" + DidYouMean(check, candidates)
            + $"; checks are {string.Join(", ", CheckIds.Settings)} and app:<name>");
    }

    // ---- values -----------------------------------------------------------------------------

    private Requirement? ReadRequirement(YamlNode node, string path)
    {
        if (!ExpectScalar(node, path, $"one of {RequirementValues}", out var text)) return null;
        if (RequirementWire.TryParse(text, out var requirement)) return requirement;
        Error(node, $"{path}: '{Shorten(text)}' is not a requirement value; valid values: {RequirementValues}");
        return null;
    }

    private VersionRange? ReadRange(YamlNode node, string path)
    {
        if (!ExpectScalar(node, path, "a version range", out var text)) return null;
        if (string.IsNullOrWhiteSpace(text))
        {
            Error(node, $"{path}: a version range is required ({RangeExamples})");
            return null;
        }
        if (VersionRange.TryParse(text, out var range)) return range;
        Error(node, $"{path}: '{Shorten(text)}' is not a valid version range ({RangeExamples})");
        return null;
    }

    private VersionRange? ReadScreenIdle(YamlNode node)
    {
        if (node is YamlScalarNode { Value: { } text } && WholeNumber().IsMatch(text))
        {
            // A bare number is a valid npm range meaning "exactly N", which is never what is meant.
            Error(node, $"{PolicyKeys.ScreenIdle}: '{Shorten(text)}' would only match exactly {Shorten(text)} seconds; "
                + $"write a range of seconds such as \"<={Shorten(text)}\"");
            return null;
        }
        return ReadRange(node, PolicyKeys.ScreenIdle);
    }

    private string? ReadText(YamlNode node, string path, bool required)
    {
        if (!ExpectScalar(node, path, "a text value", out var text)) return null;
        var trimmed = text.Trim();
        if (trimmed.Length > 0) return trimmed;
        if (required) Error(node, $"{path}: must not be empty");
        return null;
    }

    private DateOnly? ReadDate(YamlNode node, string path)
    {
        if (!ExpectScalar(node, path, "an ISO date such as 2026-03-31", out var text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Error(node, $"{path}: '{Shorten(text)}' is not an ISO date; expected YYYY-MM-DD such as 2026-03-31");
        return null;
    }

    /// <summary>Stethoscope's <c>paths</c>: a map of darwin/win32/linux to one folder each.</summary>
    private ValueList<ApplicationPath>? ReadPaths(YamlNode node, string path)
    {
        if (!ExpectMap(node, path, "a map of platform (darwin, win32, linux) to a folder", out var map)) return null;
        var paths = new List<ApplicationPath>();
        foreach (var (platform, _, value) in Entries(map, path, PlatformKeys.Families))
        {
            if (ReadText(value, $"{path}.{platform}", required: true) is { } folder) paths.Add(new ApplicationPath(platform, folder));
        }
        paths.Sort((a, b) => string.CompareOrdinal(a.Platform, b.Platform));
        return ValueList<ApplicationPath>.From(paths);
    }

    private int? ReadSeconds(YamlNode node, string path)
    {
        if (!ExpectScalar(node, path, "a number of seconds", out var text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= MaxLockTimeoutSeconds) return seconds;
        Error(node, $"{path}: '{Shorten(text)}' is not a number of seconds between 1 and {MaxLockTimeoutSeconds}");
        return null;
    }

    private bool ValidatePlatformKey(YamlNode node, string key, string path)
    {
        if (key == PlatformKeys.AwsWorkspace)
        {
            Warn(node, $"{path}: '{PlatformKeys.AwsWorkspace}' is accepted, but Fleet does not detect AWS WorkSpaces yet, so it applies to no device");
            return true;
        }
        if (PlatformKeys.IsFamily(key) || key == PlatformKeys.All || PlatformKeys.KnownDistros.Contains(key)) return true;
        var known = new List<string>(PlatformKeys.Families);
        known.AddRange(PlatformKeys.KnownDistros);
        var nearest = KeySuggestion.Nearest(key, known);
        // A short distance to a known key is a typo; anything else well-formed is a distro we do not list.
        var typoDistance = key.Length >= 5 ? 2 : 1;
        var isTypo = nearest is not null && KeySuggestion.Distance(key.ToLowerInvariant(), nearest) <= typoDistance;
        if (!isTypo && DistroId().IsMatch(key)) return true;
        Error(node, $"{path}: unknown platform '{Shorten(key)}'"
            + (isTypo ? $" — did you mean '{nearest}'?" : "; use darwin, win32, linux or a distro id such as ubuntu or fedora"));
        return false;
    }

    private static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@');
        return at > 0 && at == text.LastIndexOf('@') && at < text.Length - 1 && !text.Any(char.IsWhiteSpace);
    }

    // ---- structure --------------------------------------------------------------------------

    /// <summary>
    /// The entries of a map with scalar keys, each key once. With <paramref name="validKeys"/>,
    /// unknown keys are reported with the nearest valid key and skipped.
    /// </summary>
    private List<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map, string? path, IReadOnlyList<string>? validKeys)
    {
        var entries = new List<(string, YamlNode, YamlNode)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var where = path is null ? "" : $" in {path}";
        foreach (var (keyNode, value) in map.Children)
        {
            // No negated pattern here: mutating one leaves 'key' unassigned, and the mutation tests (docs/checks.md) would skip this method.
            var key = (keyNode as YamlScalarNode)?.Value;
            if (key is null)
            {
                Error(keyNode, $"keys{where} must be plain names, found {Kind(keyNode)}");
                continue;
            }
            if (validKeys is not null && !validKeys.Contains(key))
            {
                var nearest = KeySuggestion.Nearest(key, validKeys);
                var message = $"unknown key '{Shorten(key)}'{where}"
                    + (nearest is not null ? $" — did you mean '{nearest}'?" : $"; valid keys: {string.Join(", ", validKeys)}");
                // Not strict: the key is skipped and reported, so a policy from a newer Stethoscope still loads.
                if (strict) Error(keyNode, message);
                else Warn(keyNode, message + " (ignored)");
                continue;
            }
            // YamlDotNet refuses a plain repeated key while loading; one repeated with a tag ("!!str firewall") gets here.
            if (!seen.Add(key))
            {
                Error(keyNode, $"duplicate key '{Shorten(key)}'{where}");
                continue;
            }
            entries.Add((key, keyNode, value));
        }
        return entries;
    }

    private bool ExpectMap(YamlNode node, string path, string expected, out YamlMappingNode map)
    {
        if (node is YamlMappingNode found)
        {
            map = found;
            return true;
        }
        map = null!;
        Error(node, $"{path}: expected {expected}, found {Kind(node)}");
        return false;
    }

    private bool ExpectList(YamlNode node, string path, string expected, out YamlSequenceNode list)
    {
        if (node is YamlSequenceNode found)
        {
            list = found;
            return true;
        }
        list = null!;
        Error(node, $"{path}: expected {expected}, found {Kind(node)}");
        return false;
    }

    private bool ExpectScalar(YamlNode node, string path, string expected, out string text)
    {
        if (node is YamlScalarNode scalar)
        {
            text = scalar.Value ?? "";
            return true;
        }
        text = "";
        Error(node, $"{path}: expected {expected}, found {Kind(node)}");
        return false;
    }

    private static string Kind(YamlNode node) => node switch
    {
        YamlMappingNode => "a map",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" } => "an empty value",
        YamlScalarNode scalar => $"the value '{Shorten(scalar.Value!)}'",
        _ => "an alias",
    };

    private static string DidYouMean(string input, IEnumerable<string> candidates) =>
        KeySuggestion.Nearest(input, candidates) is { } nearest ? $" — did you mean '{nearest}'?" : "";

    // ---- errors -----------------------------------------------------------------------------

    private void Error(YamlNode node, string message) => Error(node.Start, message);

    private void Error(Mark mark, string message)
    {
        if (_errors.Count > PolicyParser.MaxErrors) return;
        _errors.Add(_errors.Count == PolicyParser.MaxErrors
            ? new PolicyError(ToInt(mark.Line), ToInt(mark.Column), $"more than {PolicyParser.MaxErrors} problems; stopped listing")
            : new PolicyError(ToInt(mark.Line), ToInt(mark.Column), message));
    }

    private void Warn(YamlNode node, string message)
    {
        if (_warnings.Count < PolicyParser.MaxErrors) _warnings.Add(new PolicyError(ToInt(node.Start.Line), ToInt(node.Start.Column), message));
    }

    private static PolicyParseResult Refuse(int line, int column, string message) =>
        new(null, [new PolicyError(line, column, message)]);

    private PolicyParseResult Refused() => new(null, Ordered(_errors));

    // Stable sort by position, so the list reads top to bottom like the document.
    private static PolicyError[] Ordered(List<PolicyError> problems) =>
        problems
            .Select((error, index) => (error, index))
            .OrderBy(e => e.error.Line).ThenBy(e => e.error.Column).ThenBy(e => e.index)
            .Select(e => e.error)
            .ToArray();

    private static int Line(YamlNode node) => ToInt(node.Start.Line);

    private static int ToInt(long value) => value < 1 ? 1 : value > int.MaxValue ? int.MaxValue : (int)value;

    /// <summary>Messages quote user input; cap it so a garbage document cannot produce megabyte-long errors.</summary>
    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    /// <summary>YamlDotNet prefixes its messages with the marks, which the error already carries.</summary>
    private static string StripMark(string message) => MarkPrefix().Replace(message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex MarkPrefix();

    [GeneratedRegex(@"^\s*\d+\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeNumber();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex DistroId();
}
