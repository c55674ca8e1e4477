using System.Globalization;

namespace Fleet.Agent.Collectors.RemoteLogin;

/// <summary>
/// Parses listening TCP sockets, which any user may list: Linux `ss -tlnH` / `netstat -tln`
/// (local address "0.0.0.0:22", "[::]:22", "*:22", ":::22") and macOS `netstat -anv -p tcp`
/// (local address "*.22", "127.0.0.1.5900"). In all three the local address is the fourth column.
/// </summary>
public static class ListeningSocketsParser
{
    public static IReadOnlyList<ListeningSocket> ParseLinux(string stdout) => Parse(stdout, ':');

    public static IReadOnlyList<ListeningSocket> ParseMac(string stdout) => Parse(stdout, '.');

    private static List<ListeningSocket> Parse(string stdout, char portSeparator)
    {
        var sockets = new List<ListeningSocket>();
        foreach (var line in stdout.Split('\n'))
        {
            if (!line.Contains("LISTEN", StringComparison.Ordinal))
            {
                continue;
            }
            var tokens = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length < 4)
            {
                continue;
            }
            var local = tokens[3];
            var separator = local.LastIndexOf(portSeparator);
            if (separator < 0 || !int.TryParse(local[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                continue;
            }
            var address = local[..separator];
            // ss prints an interface scope as "127.0.0.53%lo".
            var scope = address.IndexOf('%', StringComparison.Ordinal);
            sockets.Add(new ListeningSocket(scope >= 0 ? address[..scope] : address, port));
        }
        return sockets;
    }
}
