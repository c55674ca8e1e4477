using System.Buffers;

namespace Fleet.Contracts;

/// <summary>The digits of the lower-case hex in Fleet's ids (a GUID's "N" format, SHA-256 hashes), searched at once.</summary>
public static class LowerHex
{
    public static SearchValues<char> Digits { get; } = SearchValues.Create("0123456789abcdef");
}
