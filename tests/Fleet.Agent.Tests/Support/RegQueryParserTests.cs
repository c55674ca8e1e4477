using Fleet.Agent.Collectors.Registry;

namespace Fleet.Agent.Tests.Support;

/// <summary>The fixture reader turns `reg query` captures into the values Microsoft.Win32.Registry would return.</summary>
public sealed class RegQueryParserTests
{
    [Fact]
    public void ValueNamesWithSpacesAndEmptyData_AreParsed()
    {
        var keys = RegQueryParser.Parse(Fixture.Text("Applications/win32/uninstall.txt"));

        Assert.Equal(5, keys.Count);
        Assert.Equal("Mozilla Firefox (x64 en-US)", keys[3]["DisplayName"]?.Data);
        Assert.Equal("", keys[4]["DisplayVersion"]?.Data);
    }

    [Fact]
    public void DwordHex_IsHandedOnAsDecimal_AsTheRegistryReturnsIt()
    {
        Assert.Equal("900", RegQueryParser.Key("ScreenLock/win32/system-inactivity-900.txt")?["InactivityTimeoutSecs"]?.Data);
    }

    [Fact]
    public void DwordHex_AndDecimalStrings_AreNumbers()
    {
        Assert.Equal(0x384, new RegistryValue("InactivityTimeoutSecs", "REG_DWORD", "0x384").AsNumber());
        Assert.Equal(600, new RegistryValue("ScreenSaveTimeOut", "REG_SZ", "600").AsNumber());
        Assert.Null(new RegistryValue("WallPaper", "REG_SZ", "C:\\bg.jpg").AsNumber());
    }
}
