using System.Globalization;
using System.Text;

namespace Fleet.Compliance.Policy;

/// <summary>
/// The canonical JSON form of a policy: fixed key order, absent checks omitted, compact. The
/// server sends it to agents; <see cref="PolicyParser.Parse"/> reads it back to an equal policy.
/// </summary>
public static class PolicyJson
{
    public static string Serialize(Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var json = new JsonText();
        json.BeginObject();
        if (policy.OsVersion.Count > 0)
        {
            json.Key(PolicyKeys.OsVersion).BeginObject();
            foreach (var bracket in policy.OsVersion)
            {
                json.Key(bracket.Platform).BeginObject();
                json.Key(PolicyKeys.Ok).String(bracket.Ok.Text);
                if (bracket.Nudge is not null) json.Key(PolicyKeys.Nudge).String(bracket.Nudge.Text);
                json.EndObject();
            }
            json.EndObject();
        }
        WriteRequirement(json, PolicyKeys.Firewall, policy.Firewall);
        WriteRequirement(json, PolicyKeys.DiskEncryption, policy.DiskEncryption);
        WriteRequirement(json, PolicyKeys.AutomaticUpdates, policy.AutomaticUpdates);
        WriteRequirement(json, PolicyKeys.ScreenLock, policy.ScreenLock);
        if (policy.ScreenIdle is not null) json.Key(PolicyKeys.ScreenIdle).String(policy.ScreenIdle.Text);
        WriteRequirement(json, PolicyKeys.RemoteLogin, policy.RemoteLogin);
        if (policy.Applications.Count > 0)
        {
            json.Key(PolicyKeys.Applications).BeginArray();
            foreach (var application in policy.Applications) WriteApplication(json, application);
            json.EndArray();
        }
        if (policy.AgentVersion is not null) json.Key(PolicyKeys.AgentVersion).String(policy.AgentVersion.Text);
        WriteRequirement(json, PolicyKeys.OpenWifiConnections, policy.OpenWifiConnections);
        if (policy.WindowsMaxScreenLockTimeout is { } timeout)
        {
            json.Key(PolicyKeys.WindowsMaxScreenLockTimeout).String(timeout.ToString(CultureInfo.InvariantCulture));
        }
        if (policy.Waivers.Count > 0)
        {
            json.Key(PolicyKeys.Waivers).BeginArray();
            foreach (var waiver in policy.Waivers) WriteWaiver(json, waiver);
            json.EndArray();
        }
        json.EndObject();
        return json.ToString();
    }

    private static void WriteRequirement(JsonText json, string key, Requirement? requirement)
    {
        if (requirement is { } value) json.Key(key).String(value.ToWire());
    }

    private static void WriteApplication(JsonText json, ApplicationRequirement application)
    {
        json.BeginObject();
        json.Key(PolicyKeys.Name).String(application.Name);
        json.Key(PolicyKeys.Assertion).String(application.Assertion.ToWire());
        if (application.Version is not null) json.Key(PolicyKeys.Version).String(application.Version.Text);
        if (application.Platforms is [{ OsVersion: null } only])
        {
            json.Key(PolicyKeys.Platform).String(only.Platform);
        }
        else if (application.Platforms.Count > 0)
        {
            json.Key(PolicyKeys.Platform).BeginObject();
            foreach (var filter in application.Platforms) json.Key(filter.Platform).String(filter.OsVersion?.Text ?? "*");
            json.EndObject();
        }
        if (application.Description is not null) json.Key(PolicyKeys.Description).String(application.Description);
        if (application.InstallFrom is not null) json.Key(PolicyKeys.InstallFrom).String(application.InstallFrom);
        if (application.Paths.Count > 0)
        {
            json.Key(PolicyKeys.Paths).BeginObject();
            foreach (var path in application.Paths) json.Key(path.Platform).String(path.Folder);
            json.EndObject();
        }
        json.EndObject();
    }

    private static void WriteWaiver(JsonText json, Waiver waiver)
    {
        json.BeginObject();
        json.Key(PolicyKeys.Check).String(waiver.Check);
        if (waiver.Device is not null) json.Key(PolicyKeys.Device).String(waiver.Device);
        if (waiver.Person is not null) json.Key(PolicyKeys.Person).String(waiver.Person);
        json.Key(PolicyKeys.Justification).String(waiver.Justification);
        json.Key(PolicyKeys.Expires).String(waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.EndObject();
    }

    /// <summary>
    /// A minimal JSON writer. Hand-written rather than Utf8JsonWriter because the output must also
    /// be valid YAML that reads back identically: YAML folds U+0085/U+2028/U+2029 inside quoted
    /// strings and rejects other non-printables, so those are escaped too.
    /// </summary>
    private sealed class JsonText
    {
        private readonly StringBuilder _text = new();
        private bool _needsComma;

        public JsonText BeginObject() => Open('{');
        public JsonText EndObject() => Close('}');
        public JsonText BeginArray() => Open('[');
        public JsonText EndArray() => Close(']');

        public JsonText Key(string key)
        {
            Separate();
            WriteString(key);
            _text.Append(": ");
            _needsComma = false;
            return this;
        }

        public JsonText String(string value)
        {
            Separate();
            WriteString(value);
            _needsComma = true;
            return this;
        }

        public override string ToString() => _text.ToString();

        private JsonText Open(char bracket)
        {
            Separate();
            _text.Append(bracket);
            _needsComma = false;
            return this;
        }

        private JsonText Close(char bracket)
        {
            _text.Append(bracket);
            _needsComma = true;
            return this;
        }

        private void Separate()
        {
            if (_needsComma) _text.Append(", ");
        }

        private void WriteString(string value)
        {
            _text.Append('"');
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                switch (c)
                {
                    case '"': _text.Append("\\\""); break;
                    case '\\': _text.Append("\\\\"); break;
                    case '\n': _text.Append("\\n"); break;
                    case '\r': _text.Append("\\r"); break;
                    case '\t': _text.Append("\\t"); break;
                    default:
                        if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        {
                            // A valid pair is printable in YAML; written raw.
                            _text.Append(c).Append(value[++i]);
                        }
                        else if (char.IsSurrogate(c))
                        {
                            // A lone surrogate cannot be represented in UTF-8 or YAML at all.
                            _text.Append("\\uFFFD");
                        }
                        else if (c < 0x20 || c is >= '\u007F' and <= '\u009F' or '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF')
                        {
                            _text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            _text.Append(c);
                        }
                        break;
                }
            }
            _text.Append('"');
        }
    }
}
