using Fleet.Compliance.Facts;
using Orleans.Serialization.Cloning;

namespace Fleet.Contracts;

/// <summary>
/// <see cref="DeviceFacts"/> is immutable (init-only properties, read-only collections nobody mutates), so a call
/// inside one process need not copy it. Without this, every report would be JSON-serialised and parsed again
/// just to cross from the gateway's stream handler into the co-hosted device grain.
/// </summary>
[RegisterCopier]
internal sealed class DeviceFactsCopier : IDeepCopier<DeviceFacts>
{
    public DeviceFacts? DeepCopy(DeviceFacts? input, CopyContext context) => input;
}
