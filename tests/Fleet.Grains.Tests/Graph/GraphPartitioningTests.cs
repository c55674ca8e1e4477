using System.Text;
using Fleet.Contracts.Graph;

namespace Fleet.Grains.Tests.Graph;

public sealed class GraphPartitioningTests
{
    // Stored rows carry partition numbers, so the hash must never change: it is FNV-1a over the UTF-8 bytes, whatever the path taken.
    [Theory]
    [InlineData("")]
    [InlineData("HostAgent-0123456789abcdef0123456789abcdef")]
    [InlineData("person:ann@acme.test")]
    [InlineData("person:zoë@acme.test")]
    [InlineData("okta:用户-😀")]
    public void The_stable_hash_is_fnv1a_of_the_utf8_bytes(string value)
    {
        var expected = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            expected ^= b;
            expected *= 1099511628211UL;
        }

        Assert.Equal(expected, GraphPartitioning.StableHash(value));
    }
}
